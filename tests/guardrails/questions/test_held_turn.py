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
        # an answer first, then a promise: the answer closes the earlier ask
        ("All done, it's cancelled. I'll follow up by email.", False),
        ("Sorry, that one is sold out. We'll let you know when it's back.", False),
        ("Yes, I'll get back to you.", False),
        ("The parcel left our depot, I'll look into the rest.", False),
        ("はい、在庫ございます。追ってご連絡いたします。", False),
        ("ご注文の変更を承りました。確認いたします。", False),
        # a pleasantry beside the hold still only holds
        ("Thanks for waiting, I'll look into it.", True),
        ("承知しました。お調べします。", True),
        ("Good question! I'll ask the warehouse.", True),
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


@pytest.mark.parametrize(
    ("agent", "customer", "language"),
    [
        (
            "Done, your table is booked. I'll follow up with a confirmation.",
            "Thanks. Is there parking?",
            "en",
        ),
        (
            "はい、承りました。追ってご連絡いたします。",
            "ありがとうございます。駐車場はありますか？",
            "ja",
        ),
    ],
)
def test_an_answer_with_a_promise_closes_the_earlier_turn(
    agent: str, customer: str, language: str
) -> None:
    first = (
        "Can you book a table for four tonight?"
        if language == "en"
        else "今夜四名で予約できますか？"
    )
    ctx = _thread(("customer", first), ("agent", agent), ("customer", customer), language=language)
    assert len(extract_questions(ctx)) == 1
