"""Answers the offline judge reads without the ask's own words (compounds, asks' forms)."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.answer_types import asked_types, is_polar


def _status(ask: str, draft: str) -> str:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=ask),),
        customer_language="en",
        draft_language="en",
        articles=(),
    )
    (assessment,) = LexicalJudge().assess([Question("q1", ask)], draft, ctx)
    return assessment.status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a Japanese compound holds the ask's word (クーポン in クーポンコード)
        (
            "クーポンの使い方を教えてください。",
            "クーポンコードはお支払い画面の欄に入力してください。",
            "answered",
        ),
        # one character inside another word is no match
        ("色は選べますか。", "景色の良いお部屋をご用意しております。", "missing"),
        # an embedded "where I can ..." asks for steps
        (
            "Please tell me where I can change my avatar?",
            "To update your avatar, open Profile, choose Photo and click Upload.",
            "answered",
        ),
        # "over a certain amount" asks for a price
        (
            "Let me know if delivery is free over a certain amount.",
            "Delivery costs $4 and is free on orders over $40.",
            "answered",
        ),
        # "wondering if I can" is a yes/no ask, and "You can ..." says yes to it
        (
            "I was wondering if I can still swap the blue mug I bought last month",
            "You can swap unused mugs within 60 days.",
            "answered",
        ),
        # "You can ..." says yes only to a "can I": here it answers nothing
        ("Is the desk lamp dimmable?", "You can order spare bulbs online.", "missing"),
    ],
)
def test_answers_in_other_forms(ask: str, draft: str, status: str) -> None:
    assert _status(ask, draft) == status


def test_ask_forms() -> None:
    assert "@procedure" in asked_types("tell me where I can find my invoices")
    assert "@procedure" in asked_types("could you tell me how I can merge accounts")
    assert "@price" in asked_types("is it free over a certain amount")
    assert is_polar("I was wondering if I can pay by bank transfer")
    assert not is_polar("Please tell me whether the plan includes SSO, and whether it renews")
