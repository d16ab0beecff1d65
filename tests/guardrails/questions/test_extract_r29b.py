"""Ask extraction, round 29b: a clause split off that asks nothing is no ask of its own."""

from __future__ import annotations

import pytest

from guardrails.questions.extract import asks_in


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("Have a lovely weekend and could you post the spare filter?", 1),
        ("Enjoy the holiday and can you confirm my booking for the 3rd?", 1),
        # two asks joined by "and" stay two
        ("Can you post the filter and when will the refund arrive?", 2),
    ],
)
def test_a_wish_joined_to_an_ask_is_no_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count
