"""``typography`` and spelling's word filter: the scans that skip most of a draft."""

from __future__ import annotations

import pytest

from guardrails.practice.edits import Edit
from guardrails.practice.spelling import misspellings
from guardrails.practice.typography import mixed_widths, unbalanced_brackets


def _spans(edits: list[Edit]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in edits]


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("(a [b] c)", []),
        ("(a [b c)", [0, 3, 7]),  # "]" never closes: "(" and "[" stay open, ")" is stray
        ("a) list item, and a stray ) here", [26]),
        ('say "hi" and "bye', [13]),  # an odd count: the last quote is the open one
        ("「返金」と（交換", [5]),
        ("see https://x.example/a(b and :)", []),  # URLs and smileys are not brackets
    ],
)
def test_unbalanced_brackets_finds_every_open_or_stray_one(text: str, at: list[int]) -> None:
    assert [s for s, _ in _spans(unbalanced_brackets(text))] == at


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Your ID123 is fine.", []),
        ("Your ＩＤ123 is fine.", ["ＩＤ123"]),
        ("カードﾊﾞﾝｸ and plain ASCII", ["カードﾊﾞﾝｸ"]),
        ("ｶｰﾄﾞ only half-width", []),  # one width throughout: not mixed
        ("ＩＤ123とｶｰド", ["ＩＤ123", "ｶｰド"]),
    ],
)
def test_mixed_widths_in_texts_with_and_without_the_rarer_form(text: str, found: list[str]) -> None:
    assert [text[s:e] for s, e in _spans(mixed_widths(text))] == found


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Recieve's box arrived.", ["Recieve"]),  # the word before the clitic is checked
        ("It doesn't work and it hasn’t shipped.", []),  # "n't" after a known verb
        ("Our iPhone and ReciEVE apps.", []),  # a capital past the first letter: a name
        ("please recieve it", ["recieve"]),
    ],
)
def test_spelling_word_filter(text: str, flagged: list[str]) -> None:
    assert [text[s:e] for s, e in _spans(misspellings(text, frozenset()))] == flagged
