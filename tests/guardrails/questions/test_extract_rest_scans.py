"""Ask extraction reads ahead a bounded way, never the whole rest of the text for each item.

Two scans read the rest of the body for every line or every wish: 100 KB of blank lines took
~97 s, and 100 KB of "we'd like ... and we'd like ..." took 3-14 s, doubling faster than the
text. The next non-blank line is found once per body and a wish's first words are read one
by one; what they return is unchanged.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from guardrails.questions import extract
from guardrails.questions.extract import _clean_body, _forwarded_text, _wish_points_back, asks_in


class _CountingPattern:
    """A compiled pattern that counts the words it hands back through findall or finditer."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words = 0

    def findall(self, *args: Any) -> list[Any]:
        found = self.pattern.findall(*args)
        self.words += len(found)
        return found

    def finditer(self, *args: Any) -> Iterator[re.Match[str]]:
        for match in self.pattern.finditer(*args):
            self.words += 1
            yield match


def test_a_wish_reads_only_the_words_that_may_point_back(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _CountingPattern(extract._FIRST_WORD)
    monkeypatch.setattr(extract, "_FIRST_WORD", counting)
    # 50,000 words after the wish; the pointer is looked for in the first few only
    assert not _wish_points_back("I'd like to add " + "a bag and " * 50_000)
    assert counting.words <= extract._POINTER_REACH


@pytest.mark.parametrize(
    ("clause", "points_back"),
    [
        ("I'd like it by friday", True),
        ("we want them delivered to the side door", True),
        ("I would really like to have it by 5", True),
        ("I'd like to add a bag", False),
        ("I want the blue one too", False),
        ("I need", False),
        ("the bag is blue", False),
    ],
)
def test_a_wish_points_back_as_before(clause: str, points_back: bool) -> None:
    assert _wish_points_back(clause) is points_back


def test_a_long_run_of_wishes_is_split_in_bounded_time() -> None:
    # ~100 KB; before the fix 3-14 s and super-linear, after it well under a second
    started = time.perf_counter()
    found = asks_in("we'd like to book a swim and we'd like to book a court " * 1_800)
    assert time.perf_counter() - started < 20
    assert found
    # ordinary text: two wishes are two asks, a wish that points back is one
    assert len(asks_in("I'd like to book a court and I'd like to hire two rackets.")) == 2
    assert len(asks_in("I'd like to book a court and I'd like it for friday.")) == 1


@pytest.mark.parametrize("body", ["\n" * 100_000, "- \n" * 33_000, ">\n\n" * 33_000])
def test_a_body_of_blank_or_dropped_lines_is_cleaned_in_bounded_time(body: str) -> None:
    # "\n" * 100_000 took ~97 s through asks_in before the fix; now well under a second
    started = time.perf_counter()
    _clean_body(body)
    asks_in(body)
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize(
    ("body", "cleaned"),
    [
        # a sign-off, blank lines, then the sender's block: dropped up to the postscript
        (
            "Can you move my booking to Friday?\n\n\nKind regards,\n\n\nSam Lee\n"
            "Office manager\n\nP.S. is the car park open?",
            "Can you move my booking to Friday?\n\n\nKind regards,\nP.S. is the car park open?",
        ),
        # a quote header whose quote comes after blank lines opens only that quote
        (
            "Thanks, that works.\n\nOn Mon, 3 Nov 2026 at 10:12, Help Desk wrote:\n\n\n"
            "> When would suit you?",
            "Thanks, that works.\n\n\n",
        ),
        # a wrapped header: its quote is looked for after the line it was wrapped onto
        (
            "Is it in stock?\nOn Mon, 3 Nov 2026 at 10:12, Help Desk\n<help@example.com> wrote:"
            "\n\n> We will check.\nthanks",
            "Is it in stock?\n\nthanks",
        ),
        (
            "Is it in stock?\nOn Mon, 3 Nov 2026 at 10:12, Help Desk\n<help@example.com> wrote:"
            "\n\nthe rest of my note",
            "Is it in stock?",
        ),
        # a header followed by plain text ends the customer's own words
        (
            "Is it in stock?\n\nOn Mon, 3 Nov 2026 at 10:12, Help Desk wrote:\n\nThat was all.",
            "Is it in stock?\n",
        ),
        ("hello\n\n\n", "hello\n\n\n"),
        ("Cheers,\n\n\n", "Cheers,\n\n\n"),
        ("", ""),
    ],
)
def test_the_body_is_cleaned_as_before(body: str, cleaned: str) -> None:
    assert _clean_body(body) == cleaned


def test_a_forward_header_over_many_blank_lines_is_read_in_bounded_time() -> None:
    # each blank line skipped copied the rest of the body: 100 KB took ~3 s and 300 KB ~30 s
    # (2 MB would take twenty minutes); skipped by index, 300 KB takes a few milliseconds
    started = time.perf_counter()
    body = "---------- Forwarded message ---------\n" + "\n" * 300_000 + "is it in stock?"
    assert _forwarded_text(body) == "is it in stock?"
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("body", "forwarded"),
    [
        (
            "see below\n---------- Forwarded message ---------\nFrom: A Shop <a@example.com>\n"
            "Date: Mon, 3 Nov 2026\n\nSubject: your order\n\nIt ships on Friday.\n\nThanks",
            "It ships on Friday.\n\nThanks",
        ),
        ("Begin forwarded message:\n\n\n", ""),
        ("---------- Forwarded message ---------", ""),
        ("no forward here\nFrom: me", ""),
    ],
)
def test_the_forwarded_text_is_found_as_before(body: str, forwarded: str) -> None:
    assert _forwarded_text(body) == forwarded
