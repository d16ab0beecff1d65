"""The answer-type reader on long runs of digits: bounded work, the same types as before."""

from __future__ import annotations

import time

import pytest

from guardrails.questions.answer_types import _counts, supplied_types


def _seconds(text: str) -> float:
    start = time.perf_counter()
    supplied_types(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", ["1", "1 ", "一", "1-", "1@"])
def test_a_long_run_is_read_in_bounded_time(unit: str) -> None:
    # 20 KB of one repeated unit took 0.9-2.4 s before (each reader tried every digit of the
    # run, several of them to its end); now the run is read once
    text = unit * (20_000 // len(unit))
    assert _seconds(text) < 0.5


def test_a_run_of_digits_supplies_what_a_shorter_one_does() -> None:
    assert supplied_types("1" * 20_000) == supplied_types("1" * 30)
    # figures beside the run are still read: a price, a time, a phone number
    beside = "Call 020 7946 0000 by 5 pm, it costs $25. Ref " + "7" * 5_000 + "."
    assert {"@price", "@phone", "@clock"} <= supplied_types(beside)


def test_a_count_inside_a_price_is_no_count_and_a_bare_one_is() -> None:
    assert not _counts("It costs $25 and ships on 3 May at 5 pm.")
    assert _counts("It costs $25 and holds up to 6 bikes.")
    assert _counts("最大10点まで")
