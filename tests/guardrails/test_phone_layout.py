"""``phone_layout``: a run of digit groups written as a phone number, not a count or a date."""

from __future__ import annotations

import pytest

from guardrails.phone_layout import phone_layout


def _layout(text: str, run: str, value: str) -> bool:
    start = text.index(run)
    return phone_layout(text, start, start + len(run), value)


@pytest.mark.parametrize(
    ("text", "run", "value"),
    [
        ("My number is 415 . 867 . 5309 thanks", "415 . 867 . 5309", "415 867 5309"),
        ("Reach me at (415) 867 - 5309", "(415) 867 - 5309", "(415) 867 5309"),
        ("電話は090 - 1234 - 5678です", "090 - 1234 - 5678", "090 1234 5678"),
        ("電話は090 - 1234 - 5678まで", "090 - 1234 - 5678", "090 1234 5678"),
        # A number no region accepts is a phone when the text says so.
        ("Call me on 555 . 123 . 4567 today", "555 . 123 . 4567", "555 123 4567"),
        ("555 . 123 . 4567 (mobile)", "555 . 123 . 4567", "555 123 4567"),
        # A plural noun saying when to call is no unit.
        ("My number is 415 . 867 . 5309 evenings", "415 . 867 . 5309", "415 867 5309"),
        ("My number is 415 - 867 - 5309 weekdays", "415 - 867 - 5309", "415 867 5309"),
        ("Use 415 . 867 . 5309 calls only", "415 . 867 . 5309", "415 867 5309"),
    ],
)
def test_phone_layouts(text: str, run: str, value: str) -> None:
    assert _layout(text, run, value)


@pytest.mark.parametrize(
    ("text", "run", "value"),
    [
        ("We have 128 . 357 . 317 users now", "128 . 357 . 317", "128 357 317"),
        ("We shipped 400 . 500 . 600 items", "400 . 500 . 600", "400 500 600"),
        ("Logged 2024 . 01 . 05 10 . 30 by", "2024 . 01 . 05 10 . 30", "2024 01 05 10 30"),
        ("On 05 - 01 - 2024 at noon", "05 - 01 - 2024", "05 01 2024"),
        # A date stays a date with a phone word near it ("called on ...").
        ("I called on 2024 . 01 . 05 10 . 30", "2024 . 01 . 05 10 . 30", "2024 01 05 10 30"),
        ("会員数は128 . 357 . 317人です", "128 . 357 . 317", "128 357 317"),
        ("注文は400 - 500 - 600件でした", "400 - 500 - 600", "400 500 600"),
    ],
)
def test_counts_dates_and_times_are_no_phones(text: str, run: str, value: str) -> None:
    assert not _layout(text, run, value)
