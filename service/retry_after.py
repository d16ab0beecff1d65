"""``Retry-After`` read as seconds, the one parser for model providers and helpdesk APIs.

RFC 9110 10.2.3 allows delta-seconds (ASCII digits only) or an HTTP-date, which a recipient
must accept in all three forms (IMF-fixdate, the obsolete RFC 850 form, and asctime). Anything
else is no hint at all: the caller falls back to its own backoff. A value a server gets wrong
(``soon``, ``2, 2``, ``0x10``, a date with a ``-0000`` zone) must never raise: it arrives in
an error path, and raising there turned one refused call into an unhandled exception.
"""

from __future__ import annotations

import datetime as dt
import email.utils


def retry_after_seconds(value: object, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait that ``value`` asks for, never negative; ``None`` when it asks nothing.

    A date without a zone (asctime, or ``-0000`` which Python reads as zone unknown) is read
    as UTC, as RFC 9110 says every HTTP-date is.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):  # a header dict some clients pre-parse
        seconds = float(value)
        return max(0.0, seconds) if seconds == seconds else None  # NaN is no hint
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    text = str(value).strip()
    if not text:
        return None
    try:
        # delta-seconds, and what providers send beside it ("0.3", "1e9": a wait far too long
        # is a hint to move on, not to ignore); NaN is no hint, a negative one no wait.
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:  # older Pythons returned None for text that is no date
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())
