"""Our next message promised instead of an answer: one list for the follow-up and the judge."""

import pytest

from guardrails.follow_up import is_follow_up_time_frame, promises_reply


@pytest.mark.parametrize(
    "text",
    [
        "We'll look into it.",
        "Let me check and get back to you about moving your booking.",
        "I'll look into this and let you know.",
        "Let me check the stock and I'll get back to you.",
        "三月分の二重請求の件、確認のうえご連絡いたします。",
        "ご予約の変更につきましては、確認してからご連絡します。",
        "担当に確認して、分かり次第ご連絡します。",
        "在庫につきまして、折り返しご連絡いたします。",
        "お調べして折り返しご連絡いたします。",
    ],
)
def test_a_check_then_our_reply_is_a_promised_reply(text: str) -> None:
    assert promises_reply(text)


@pytest.mark.parametrize(
    "text",
    [
        "Let us know if you'd like us to call you back.",  # the customer's message
        "Let me know if you need anything else.",
        "We'll refund it today and send you a receipt.",  # an outcome
        "We'll check the fit and ship a new pair today.",
        "I've checked and your order ships today.",
        "We'll look after your bags until 6 pm.",
        "確認いたしました。本日発送いたします。",
        "確認いたしましたので、本日発送いたします。",
        "確認したところ、明日お届けの予定です。",
        "ご連絡ありがとうございます。",
        "ご確認のほどよろしくお願いいたします。",
    ],
)
def test_an_outcome_or_the_customers_message_is_no_promised_reply(text: str) -> None:
    assert not promises_reply(text)


def test_the_time_frame_reads_the_same_list_of_follow_up_words() -> None:
    assert is_follow_up_time_frame("We'll text you within 2 business days.")
    assert not is_follow_up_time_frame("We'll refund you within 2 business days.")
