"""Where a hard-wrapped line ends its sentence: commas, Japanese particles, a new ask's opener."""

from __future__ import annotations

import pytest

from guardrails.sentences import columns, sentence_texts


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a mail client wraps after a comma: the sentence runs on
        (
            "Hi, I have a hygienist appointment on Thursday at 9:40. Could I push it to next "
            "week,\nideally an afternoon? Thanks!",
            [
                "Hi, I have a hygienist appointment on Thursday at 9:40.",
                "Could I push it to next week, ideally an afternoon?",
                "Thanks!",
            ],
        ),
        (
            "配送先の住所を変更したいのですが、\n可能でしょうか。",
            ["配送先の住所を変更したいのですが、可能でしょうか。"],
        ),
        # a wrap right after a sentence-final form, before the particle that ends it
        (
            "ペットホテルの予約をキャンセルしたいのですが、キャンセル料はかかります\nか？",
            ["ペットホテルの予約をキャンセルしたいのですが、キャンセル料はかかりますか？"],
        ),
        ("明日の予約を変更できます\nかね。", ["明日の予約を変更できますかね。"]),
        # an embedded question (〜のか) and the verb that takes it on the next line
        (
            "いつ頃届くのか\n教えていただけますでしょうか",
            ["いつ頃届くのか教えていただけますでしょうか"],
        ),
        (
            "注文したのは先週です\nが、まだ届いていません。",
            ["注文したのは先週ですが、まだ届いていません。"],
        ),
        # "May" the month and "Will" the name are no ask openers
        (
            "We booked the cottage for the second week of\nMay and would like to add a cot.",
            ["We booked the cottage for the second week of May and would like to add a cot."],
        ),
        (
            "the lamp is for my son and my son\nWill is collecting it tomorrow",
            ["the lamp is for my son and my son Will is collecting it tomorrow"],
        ),
        ("届くのが遅れる\nかもしれません。", ["届くのが遅れるかもしれません。"]),
        (
            "明日の予約を変更できない\nかなと思っています。",
            ["明日の予約を変更できないかなと思っています。"],
        ),
    ],
)
def test_a_wrapped_sentence_stays_one(text: str, sentences: list[str]) -> None:
    assert sentence_texts(text) == sentences


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a greeting or a sign-off with its comma is a line of its own
        ("Hi Sam,\nthanks for the photos.", "Hi Sam,"),
        ("Hi there,\nmy order has not come.", "Hi there,"),
        ("Thanks,\nTom", "Thanks,"),
        # a short address line ending in a comma
        ("12 Mill Lane,\nLeeds", "12 Mill Lane,"),
        ("山田様、\nいつもありがとうございます。", "山田様、"),
        # a sentence-final form before a word that opens with か is still an end
        ("注文は届きました\nかばんの色が違います。", "注文は届きました"),
        ("注文は届くのか\nかばんの色が違います。", "注文は届くのか"),
        # かなり, かなう open words: no particle continues the line
        ("昨日商品が届きました\nかなり傷がついています", "昨日商品が届きました"),
        ("ずっと欲しかった商品が届きました\nかなうなら色違いも欲しいです", None),
        # "May I" and "Will you" open an ask as any auxiliary does
        ("We booked the cottage for the second week of July\nMay I add a cot", None),
        ("My husband ordered the lamp last week\nWill you gift wrap it", None),
        ("My husband ordered the lamp last week\nWill it arrive before Friday", None),
        # a line before a capitalised ask opener ends, even with no "?"
        ("Could you resend the invoice for March\nAlso, is VAT included in the price", None),
        ("Please cancel my order from last week\nWhat is your returns address", None),
    ],
)
def test_a_layout_line_still_ends_its_sentence(text: str, first: str | None) -> None:
    got = sentence_texts(text)
    assert len(got) == 2
    if first is not None:
        assert got[0] == first


def test_a_list_and_a_signature_keep_their_lines() -> None:
    assert sentence_texts("Two things,\n- can I pay by card\n- is there parking") == [
        "Two things,",
        "- can I pay by card",
        "- is there parking",
    ]
    assert sentence_texts("I'll be there at 9.\nBest regards,\nTom") == [
        "I'll be there at 9.",
        "Best regards,",
        "Tom",
    ]


def test_a_capitalised_i_or_name_mid_sentence_does_not_end_a_line() -> None:
    # only ask openers end a line by their capital: "I" and names stand mid-sentence
    assert len(sentence_texts("the parcel was left with my neighbour because\nI was out")) == 1
    assert len(sentence_texts("my order was sent to the wrong branch in\nLeeds last week")) == 1


def test_columns_counts_a_japanese_character_as_two() -> None:
    assert columns("abc") == 3
    assert columns("予約abc") == 7


def test_columns_of_ascii_text_agree_with_the_width_table() -> None:
    """The ASCII fast path gives what the per-character East Asian width reading gives."""
    import unicodedata

    text = "".join(chr(code) for code in range(128))
    assert columns(text) == sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    assert columns("Ｈｉ there") == 4 + 6
