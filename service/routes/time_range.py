"""Time-range query parameters (``from``, ``to``) as the routes read them."""

from __future__ import annotations

import datetime as dt


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A time without a zone is read as UTC, the zone every stored timestamp is in."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
