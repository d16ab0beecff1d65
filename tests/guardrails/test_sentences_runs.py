"""flatten reads each run of spaces once: a long run with no line break is no square of work."""

from __future__ import annotations

import time

from guardrails.sentences import _WRAPPED_BREAK, flatten, is_closing_line, split_sentences


def test_a_wrapped_sentence_is_joined_as_before() -> None:
    assert flatten("Can I pay  \n\t by card?") == "Can I pay by card?"
    assert flatten("Can I pay \n\n later?") == "Can I pay later?"
    assert flatten("カードで\n払えますか") == "カードで払えますか"
    # spaces with no line break in them stay as they are
    assert flatten("Can I pay   by card?") == "Can I pay   by card?"


def test_fifty_thousand_spaces_with_no_line_break_stay() -> None:
    text = "Can I pay" + " " * 50_000 + "later?"
    assert flatten(text) == text


def test_a_line_break_is_read_only_from_the_start_of_its_run_of_spaces() -> None:
    text = "Can I pay" + " " * 5 + "\nlater?"
    assert _WRAPPED_BREAK.match(text, 9) is not None
    assert all(_WRAPPED_BREAK.match(text, pos) is None for pos in range(10, 14))


def test_sign_off_lines_are_read_as_before() -> None:
    assert is_closing_line("  Best regards,")
    assert is_closing_line("Kind   regards, Sam")
    assert is_closing_line("Thanks!!")
    assert is_closing_line("よろしくお願いします")
    assert not is_closing_line("Thanks for the quick reply, it helped")


def test_a_line_of_fifty_thousand_spaces_is_read_in_linear_time() -> None:
    # Generous wall-clock bound, clearly a clock test: milliseconds now; the old pattern split
    # the run between two quantifiers and took 23 s for this line.
    start = time.perf_counter()
    assert not is_closing_line(" " * 50_000 + "x")
    assert not is_closing_line("Regards" + " " * 50_000 + "x y")
    assert time.perf_counter() - start < 2.0


def test_a_thanks_line_of_fifty_thousand_spaces_ends_a_sentence_in_linear_time() -> None:
    start = time.perf_counter()
    # the line above is a wrapped one (long): a short line before a capitalised one is layout
    text = "Is there space left on the boat tour\nThanks" + " " * 50_000 + "so much x y"
    assert len(split_sentences(text)) == 1
    assert time.perf_counter() - start < 2.0
