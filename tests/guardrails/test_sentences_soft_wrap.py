"""A soft line wrap is a space (same length); a layout's line breaks stay as they are."""

from __future__ import annotations

import time

import pytest

from guardrails.sentences import sentence_texts, unwrap_soft_breaks


@pytest.mark.parametrize(
    ("text", "unwrapped"),
    [
        # a mail client's wrap inside one sentence
        (
            "I'll check with\nour fish manager and let you know.",
            "I'll check with our fish manager and let you know.",
        ),
        (
            "Can I bring my own cake to the\nrestaurant?",
            "Can I bring my own cake to the restaurant?",
        ),
    ],
)
def test_a_soft_wrap_becomes_a_space_of_the_same_length(text: str, unwrapped: str) -> None:
    assert unwrap_soft_breaks(text) == unwrapped
    assert len(unwrap_soft_breaks(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        # a list: bullets, numbers, ・ items
        "I have two questions:\n- do you sell gift cards\n- can they be used online",
        "Steps\n1. open the app\n2. tap Settings",
        "以下について教えてください\n・料金\n・支払い方法",
        # a greeting line, with or without a comma
        "Hi Sam,\nthanks for the photos.",
        "Hi Sam\nthanks for the photos.",
        "Dear Mrs Ortiz\nI have moved your booking.",
        # a signature under a closing line
        "We have sent it today.\nBest regards,\nTom\nSupport team",
        # an address, an hours table, an order-number line, a menu path
        "Please send it to:\n12 Mill Lane\nLeeds\nLS1 4AB",
        "Our hours:\nMonday    10am - 4pm\nTuesday   closed",
        "Order 55120\nPlaced on 3 May, not shipped yet.",
        "Go to Settings > Account\nAddresses > Edit",
        # a Japanese wrap: read whole through flatten, never split by a space
        "体験レッスンは何歳から\n参加できますか。",
        "人数を4名から\n6名に変更できますか。",
        # a quoted line and the writer's own words after it
        "Forwarding what she sent:\n> the posts are on our side of the boundary\nis that right",
        # a blank line between paragraphs
        "the first paragraph ends here\n\nand a second one starts",
        # a line ending in sentence punctuation, and a Japanese sentence-final form
        "The order has shipped.\nit should arrive on Monday",
        "ご予約を承りました\nありがとうございます",
        "ご確認ください\nよろしくお願いします",
    ],
)
def test_a_layout_keeps_its_line_breaks(text: str) -> None:
    assert unwrap_soft_breaks(text).count("\n") == text.count("\n")


def test_a_greeting_line_stays_its_own_sentence() -> None:
    assert sentence_texts("Hi Sam\nthanks for the photos. Is it ready?")[0] == "Hi Sam"
    # a wrapped question opening with "hi" is no greeting line: it stays one sentence
    assert sentence_texts("hi do you have\nany chairs left?") == ["hi do you have any chairs left?"]


def test_a_text_without_a_soft_wrap_is_returned_as_it_is() -> None:
    text = "Settings > Account\n\nMonday 10am - 4pm."
    assert unwrap_soft_breaks(text) == text


def test_a_japanese_wrap_stays_one_sentence() -> None:
    # a short Japanese line before a digit is no layout line (the short-line rule is Latin)
    assert sentence_texts("人数を4名から\n6名に変更できますか。") == [
        "人数を4名から 6名に変更できますか。"
    ]
    assert sentence_texts("体験レッスンは何歳から\n参加できますか。") == [
        "体験レッスンは何歳から参加できますか。"
    ]


def test_a_long_wrapped_message_is_unwrapped_in_linear_time() -> None:
    # Each break once sliced the text before it: quadratic on a long wrapped message (4x the
    # text took ~10-16x). Only the ratio is asserted, as timings on a shared machine vary.
    line = "we will check with the team and get back to you about this\n"
    times = []
    for lines in (4_000, 16_000):
        text = line * lines
        started = time.perf_counter()
        unwrapped = unwrap_soft_breaks(text)
        times.append(time.perf_counter() - started)
        assert unwrapped.count("\n") == 1 and len(unwrapped) == len(text)
    assert times[1] < 6 * times[0] + 0.02
