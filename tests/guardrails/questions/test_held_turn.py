"""A customer turn the agent only put on hold stays open beside the latest turn."""

from __future__ import annotations

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions.extract import extract_questions
from guardrails.questions.held_turn import held_and_latest, holds_only


def _thread(*messages: tuple[str, str], language: str = "en") -> GuardrailContext:
    return GuardrailContext(
        messages=tuple(Message(role=r, body=b) for r, b in messages),
        customer_language=language,
        draft_language=language,
    )


@pytest.mark.parametrize(
    ("body", "holds"),
    [
        ("Sure, let me check with the kitchen.", True),
        ("One moment please.", True),
        ("I'll look into this for you.", True),
        ("確認いたしますので、少々お待ちください。", True),
        # an answer, a figure, or more than a hold says something of its own
        ("Yes, it's ready at the front desk.", False),
        ("It's 14.50; let me check the delivery part.", False),
        (
            "Let me check. Our opening hours changed last week. The new ones are on the site. "
            "The shop is closed on Mondays now.",
            False,
        ),
        ("Please let us know your order number.", False),
    ],
)
def test_a_holding_message_promises_a_check_and_nothing_else(body: str, holds: bool) -> None:
    assert holds_only(body) is holds


def test_an_ask_before_a_hold_is_still_open() -> None:
    ctx = _thread(
        ("customer", "Could you tell me if my glasses are ready to collect?"),
        ("agent", "Of course, let me check with the lab."),
        ("customer", "Thanks. Also, do you sell lens cloths?"),
    )
    assert len(extract_questions(ctx)) == 2


def test_a_report_before_a_hold_is_the_background_of_the_ask_after_it() -> None:
    ctx = _thread(
        ("customer", "The scooter app billed me for an hour after I parked."),
        ("agent", "Let me look into that."),
        ("customer", "Thanks. Could you refund the extra time?"),
    )
    assert len(extract_questions(ctx)) == 1


def test_an_answered_turn_is_closed() -> None:
    ctx = _thread(
        ("customer", "Could you tell me if my glasses are ready to collect?"),
        ("agent", "Yes, they're ready at the front desk."),
        ("customer", "Great. Also, do you sell lens cloths?"),
    )
    assert len(extract_questions(ctx)) == 1
    held, latest = held_and_latest(ctx.messages)
    assert held == () and [m.body for m in latest] == ["Great. Also, do you sell lens cloths?"]


def test_a_japanese_ask_before_a_hold_is_still_open() -> None:
    ctx = _thread(
        ("customer", "注文した靴はもう発送されましたか？"),
        ("agent", "確認いたしますので、少々お待ちください。"),
        ("customer", "ありがとうございます。あと、サイズ交換はできますか？"),
        language="ja",
    )
    assert len(extract_questions(ctx)) == 2
