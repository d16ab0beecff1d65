"""Judge round r29b after review: the new paraphrase rules held to what they mean.

Each fix has its positives beside the skirts a reviewer found let through. All text is new.
"""

from __future__ import annotations

import time

import pytest

from tests.guardrails.questions.judging import judge_statuses


def test_an_offer_tail_after_a_semicolon_stays_linear() -> None:
    # 100 KB with no question mark: the semicolon tail used to backtrack over every "you"
    draft = "Yes we do; would " + "you " * 25000
    started = time.perf_counter()
    judge_statuses(["Do you deliver on Sundays?"], draft)
    assert time.perf_counter() - started < 3.0


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the answer before an offer put to the customer is still the answer
        (
            "Do you run pottery taster sessions?",
            "Yes, we run one every Saturday; would the 12th suit you?",
            "answered",
        ),
        # an offer with no answer before it answers nothing
        (
            "Do you run pottery taster sessions?",
            "Thanks for getting in touch; would a call tomorrow work for you?",
            "missing",
        ),
    ],
)
def test_an_offer_tail_after_a_semicolon(ask: str, draft: str, status: str) -> None:
    assert judge_statuses([ask], draft) == [status]
