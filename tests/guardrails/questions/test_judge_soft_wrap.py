"""The judge reads a hard-wrapped reply as the sentences it holds."""

from __future__ import annotations

import pytest

from guardrails.questions import Question
from guardrails.questions.extract import asks_in

from .judging import assess_questions


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            "Can I bring the broken lamp back for a refund?",
            "Sorry about the lamp. I'll check with\nour returns manager about a refund and let you "
            "know tomorrow.",
        ),
        (
            "Is the rooftop bar open to hotel guests only?",
            "Good question. I'll ask the bar\nmanager and get back to you tonight.",
        ),
        (
            "Can I swap the blue jumper for a red one?",
            "Thanks for your order. We'll check the\nstock in red and let you know tomorrow.",
        ),
    ],
)
def test_a_wrapped_deferral_leaves_the_ask_pending(ask: str, draft: str) -> None:
    (judged,) = assess_questions([Question(id="q1", text=ask, kind="question")], draft)
    assert judged.status == "pending"


def test_a_deferral_across_a_blank_line_is_no_wrapped_deferral() -> None:
    # "I'll check with" ends its paragraph: nothing after the blank line continues it
    draft = "Sorry about the lamp. I'll check with\n\nour returns manager about a refund."
    ask = Question(id="q1", text="Can I bring the broken lamp back for a refund?", kind="question")
    (judged,) = assess_questions([ask], draft)
    assert judged.status != "pending"


@pytest.mark.parametrize(
    "body",
    [
        "Two things:\n- do you sell gift cards\n- can they be used online",
        "Hi Sam\ncan you check my order\n- is it paid\n- has it shipped",
    ],
)
def test_list_items_stay_separate_asks(body: str) -> None:
    # a list's line breaks are no soft wrap: each item is its own ask
    assert len(asks_in(body)) >= 2
