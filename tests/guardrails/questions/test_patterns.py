"""Shared ask patterns (guardrails.questions.patterns): a split reads each run of spaces once."""

from __future__ import annotations

import time

from guardrails.questions.patterns import EN_SPLIT, OUTBURST


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in EN_SPLIT.finditer(text)]


def test_a_second_question_is_split_off_where_it_was_before() -> None:
    assert _spans("Can I change the date, and can I add a guest?") == [(21, 27)]
    # spaces before a comma stay with the first question; the split starts at the comma
    assert _spans("Can I change the date  , and can I add a guest?") == [(23, 29)]
    assert _spans("Is it open,  or when does it open?") == [(10, 16)]
    # "and would like" is a wish, no second question
    assert _spans("Can I change the date and would like a refund?") == []


def test_a_split_starts_only_at_a_comma_or_where_its_run_of_spaces_starts() -> None:
    # the structure that bounds the work: no attempt from inside a run, so each run is read once
    text = "Can I pay" + " " * 5 + "and can I tip?"
    assert EN_SPLIT.match(text, 9) is not None
    assert all(EN_SPLIT.match(text, pos) is None for pos in range(10, 14))


def test_fifty_thousand_spaces_hold_no_split() -> None:
    assert _spans("Can I pay" + " " * 50_000 + "later?") == []


def test_outbursts_are_read_as_before() -> None:
    assert OUTBURST.search("  Are you kidding me?!")
    assert OUTBURST.search("もう、 いい加減にしてください。")
    assert not OUTBURST.search("Are you open on Sunday?")
    assert not OUTBURST.search("このメールは詐欺ですか")


def test_a_sentence_of_fifty_thousand_spaces_is_read_in_linear_time() -> None:
    # Generous wall-clock bound, clearly a clock test: milliseconds now; the old pattern split
    # the leading run between two quantifiers and took 12 s for this sentence.
    start = time.perf_counter()
    assert not OUTBURST.search(" " * 50_000 + "x")
    assert time.perf_counter() - start < 2.0


def test_closing_thanks_are_read_off_and_opening_thanks_kept() -> None:
    from guardrails.questions.patterns import without_closing_thanks

    assert without_closing_thanks("is it step free thank you") == "is it step free"
    assert without_closing_thanks("can you post it? thanks so much") == "can you post it?"
    assert without_closing_thanks("Thank you for the refund") == "Thank you for the refund"
    assert without_closing_thanks("thanks") == "thanks"


def test_postscript_marks_a_line_the_customer_adds_below_their_name() -> None:
    from guardrails.mail_headers import POSTSCRIPT

    for line in (
        "P.S. is it open?",
        "PS can you call",
        "p.s. thanks",
        "P.P.S. one more",
        "追伸：箱も",
    ):
        assert POSTSCRIPT.match(line), line
    # negatives: words that start with the letters, a name
    for line in ("Psychology Dept", "Pssst", "Peter Smith", "Post Office", "追加で質問です"):
        assert not POSTSCRIPT.match(line), line
