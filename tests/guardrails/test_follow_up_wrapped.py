"""A deferral a mail client wrapped mid-sentence is still a deferral (EN and JA)."""

from __future__ import annotations

import pytest

from guardrails.follow_up import is_follow_up_time_frame, promises_reply


@pytest.mark.parametrize(
    "text",
    [
        "I'll check with our\nreturns manager and let you know tomorrow.",
        "Let me look at the stock\nfigures and then I'll get back to you.",
        "配送料は倉庫で確認して\nから明日ご連絡いたします。",
        "返品の可否は分かり\n次第ご連絡いたします。",
        "担当者に確認の\nうえ、ご連絡いたします。",
    ],
)
def test_a_wrapped_promise_to_reply_is_read_whole(text: str) -> None:
    assert promises_reply(text)


@pytest.mark.parametrize(
    "text",
    [
        # a blank line ends the paragraph: nothing after it continues the promise
        "I'll check with our manager.\n\nWe'll refund it today.",
        "Let me check.\nThe refund went out today.",
        # a Japanese line ending in a finished act is a sentence of its own
        "在庫を確認いたしました\n明日発送いたします。",
        # an outcome, wrapped, is no reply promised
        "We'll refund the\nduplicate charge today.",
    ],
)
def test_a_line_break_that_ends_a_sentence_is_not_crossed(text: str) -> None:
    assert not promises_reply(text)


def test_a_wrapped_japanese_follow_up_time_frame() -> None:
    assert is_follow_up_time_frame("2営業日以内に\nご連絡いたします。")
    assert not is_follow_up_time_frame("2営業日以内に\n返金いたします。")
