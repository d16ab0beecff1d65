"""The one sentence splitter (guardrails.sentences), used by the guardrails and the drafter."""

from __future__ import annotations

import pytest

import guardrails.sentences as sentences_module
from guardrails.run_memo import run_memo
from guardrails.sentences import flatten, is_closing_line, sentence_texts, split_sentences


def test_sentences_keep_their_spans_in_the_original_text() -> None:
    text = "Hi there.  My card is late! Can you help?"
    found = split_sentences(text)
    assert [s.text for s in found] == ["Hi there.", "My card is late!", "Can you help?"]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_abbreviations_and_list_numbers_do_not_end_a_sentence() -> None:
    assert sentence_texts("Ask Dr. Lee, e.g. by mail. Then wait.") == [
        "Ask Dr. Lee, e.g. by mail.",
        "Then wait.",
    ]
    assert sentence_texts("1. Open the app") == ["1. Open the app"]
    # A number that does not open the sentence is no list number: its period ends it.
    assert sentence_texts("I paid twice for order 48213. Please refund it.") == [
        "I paid twice for order 48213.",
        "Please refund it.",
    ]


def test_an_inline_list_number_after_the_one_before_it_does_not_end_a_sentence() -> None:
    # "2." after an item "1." in the same run opens the next item (read by ask extraction)
    assert sentence_texts("1. is it free 2. is there parking") == [
        "1. is it free 2. is there parking"
    ]
    assert sentence_texts("空きは？1. 土曜は空いてますか 2. 料金は") == [
        "空きは？",
        "1. 土曜は空いてますか 2. 料金は",
    ]
    # a number with no item before it still ends its sentence
    assert sentence_texts("We are room 2. Can you call us?") == [
        "We are room 2.",
        "Can you call us?",
    ]


def test_japanese_sentences_end_at_marks_and_at_sentence_final_forms() -> None:
    assert sentence_texts("注文しました。届きません！どうすればいいですか？") == [
        "注文しました。",
        "届きません！",
        "どうすればいいですか？",
    ]
    # No 。 at the end of the line, but ます closes the sentence.
    assert sentence_texts("注文しました\n届いていません") == ["注文しました", "届いていません"]


def test_a_wrapped_line_stays_one_sentence_and_is_flattened() -> None:
    text = "My order has not\narrived yet."
    assert [s.text for s in split_sentences(text)] == [text]
    assert sentence_texts(text) == ["My order has not arrived yet."]
    assert flatten("請求書が\n届きません") == "請求書が届きません"


def test_a_sign_off_line_is_its_own_sentence() -> None:
    assert sentence_texts("Please check my order\nRegards") == ["Please check my order", "Regards"]


def test_a_run_splits_each_text_once_and_forgets_it_on_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = sentences_module._split

    def counting(text: str) -> list[sentences_module.Sentence]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(sentences_module, "_split", counting)
    text = "First one. Second one?"
    with run_memo():
        first = split_sentences(text)
        first.clear()  # a caller changing its list must not change the next caller's
        again = split_sentences(text)
    assert [s.text for s in again] == ["First one.", "Second one?"]
    assert calls == [text]
    # Outside a run nothing is kept: customer text does not outlive its request.
    split_sentences(text)
    assert calls == [text, text]


@pytest.mark.parametrize(
    ("line", "closing"),
    [
        ("Best regards,", True),
        ("Thanks!", True),
        ("よろしくお願いいたします。", True),
        ("Thanks for getting in touch!", False),
        ("Sam", False),
    ],
)
def test_a_sign_off_line_is_told_from_a_sentence(line: str, closing: bool) -> None:
    assert is_closing_line(line) is closing


@pytest.mark.parametrize(
    ("line", "closing"),
    [
        # a longer thanks never joins the line above, but is no sign-off that ends a reply's
        # body: a reply may open with it and answer below
        ("Thank you so much!", False),
        ("Thanks so much!!", False),
        ("Best regards,", True),
        ("Thanks Sam", True),
    ],
)
def test_a_longer_thanks_is_not_a_sign_off(line: str, closing: bool) -> None:
    assert is_closing_line(line) is closing


def test_a_longer_thanks_still_ends_the_sentence_above_it() -> None:
    text = "- is there space in the same group\nThanks so much!!"
    assert sentence_texts(text)[-1] == "Thanks so much!!"
    # negative: a line of thanks with more to say joins as before
    assert len(sentence_texts("i wanted to say a big\nthanks for the help with my order")) == 1


def test_a_half_width_mark_before_japanese_ends_the_sentence() -> None:
    # typed with the IME off: 「…ですか?あと…」 is two sentences, as with the full-width mark
    assert sentence_texts("送料はいくらですか?あと、ギフト包装はできますか") == [
        "送料はいくらですか?",
        "あと、ギフト包装はできますか",
    ]
    # negatives: a mark inside English, a decimal point before Japanese
    assert len(sentence_texts("Is it the v2?version or not")) == 1
    assert len(sentence_texts("1.5キロまで送れます")) == 1


def test_a_long_run_of_marks_is_split_in_linear_time() -> None:
    import time

    start = time.perf_counter()
    assert len(sentence_texts("wait" + "!" * 20000 + "what")) == 1
    assert time.perf_counter() - start < 2.0  # 16 s when every mark of the run was a start


def test_short_chat_lines_typed_with_no_stops_are_sentences_of_their_own() -> None:
    chat = (
        "yes thats us\nwhat time will he get there\n"
        "also the tap we chose is out of stock can we swap it"
    )
    assert sentence_texts(chat) == [
        "yes thats us",
        "what time will he get there",
        "also the tap we chose is out of stock can we swap it",
    ]


def test_lines_a_client_wrapped_stay_one_sentence_even_under_a_wider_first_line() -> None:
    # negatives: each line is as wide as the wrap allows, or too wide for the next word
    wrapped = (
        "Good afternoon - our daughter starts at the new school in January and we were told\n"
        "the lunch menu changes that week. We think she needs the gluten free\n"
        "option but nobody at reception could say how to sign up. Could you tell\n"
        "me how to register her for it\n"
    )
    assert len(sentence_texts(wrapped)) == 3
    assert sentence_texts(
        "Can you tell me whether the blue sofa comes in a\nthree-seater size?"
    ) == ["Can you tell me whether the blue sofa comes in a three-seater size?"]


def test_a_line_left_on_a_word_that_needs_more_runs_on_into_the_next() -> None:
    # negatives of the typed-break reading: the clause after "tell me", "wondering", "and"
    assert len(sentence_texts("Hi, could you tell me\nwhat time you open on Sunday")) == 1
    assert len(sentence_texts("I was just wondering\nif the hall is free on the 9th")) == 1
    assert len(sentence_texts("we need a van and\ncan it take a sofa")) == 1


def test_opens_ask_reads_a_title_case_question_but_not_a_name() -> None:
    from guardrails.sentences import opens_ask

    assert opens_ask("Can You Ship It Friday")
    assert opens_ask("Where Is My Parcel Now")
    # negatives: first names that are also auxiliaries or verbs, a plain name
    assert not opens_ask("Will Turner")
    assert not opens_ask("May Lin")
    assert not opens_ask("Mark Jones")
