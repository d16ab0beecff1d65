"""Retry-After forms (RFC 9110 10.2.3) read as seconds; anything else is no hint, never raised."""

from __future__ import annotations

import datetime as dt

import pytest

from service.retry_after import retry_after_seconds

NOW = dt.datetime(1994, 11, 6, 8, 49, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        (" 12 ", 12.0),
        ("0", 0.0),
        ("0.3", 0.3),  # not RFC 9110's, but providers send it and it was always honoured
        ("1e9", 1e9),  # far too long: a hint to move on to the next model
        ("inf", float("inf")),
        ("-5", 0.0),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 37.0),  # IMF-fixdate
        ("Sunday, 06-Nov-94 08:49:37 GMT", 37.0),  # obsolete RFC 850 form
        ("Sun Nov  6 08:49:37 1994", 37.0),  # asctime: no zone, read as UTC (was a TypeError)
        ("Sun, 06 Nov 1994 08:49:37 -0000", 37.0),  # "zone unknown" (was a TypeError)
        ("Sun, 06 Nov 1994 08:48:00 GMT", 0.0),  # a date past is no wait, not negative
        (b"5", 5.0),
        (3, 3.0),
    ],
)
def test_every_rfc_9110_form_is_read(value: object, seconds: float) -> None:
    assert retry_after_seconds(value, NOW) == seconds


@pytest.mark.parametrize(
    "value",
    [
        "soon",
        "2, 2",
        "0x10",
        "1.2.3",
        "nan",
        "\u00b2",
        "",
        "   ",
        None,
        float("nan"),
        "Mon, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 99999 08:49:37 GMT",
    ],
)
def test_anything_else_is_no_hint_and_never_raises(value: object) -> None:
    assert retry_after_seconds(value, NOW) is None
