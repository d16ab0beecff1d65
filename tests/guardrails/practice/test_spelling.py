"""``spelling``: where a capitalised word starts a sentence (and so may be a typo, not a name)."""

from __future__ import annotations

import random

import pytest

from guardrails.practice.spelling import _SENTENCE_START, _starts_sentence, misspellings

# Sentence ends, list markers, several kinds of whitespace (a no-break space, an ideographic
# space, a vertical tab), Arabic-Indic and ASCII digits, and ordinary letters.
_PIECES = [*"aB.!?:-*•12)x", " ", "\n", "\t", "\r", "\x0b", "\u00a0", "\u3000", "\u0663"]


def test_the_bounded_search_agrees_with_searching_the_whole_prefix() -> None:
    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14)))
        for at in range(len(text) + 1):
            assert _starts_sentence(text, at) == bool(_SENTENCE_START.search(text[:at])), (
                text,
                at,
            )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Thanks. Recieve the parcel tomorrow.", ["Recieve"]),
        ("Steps:\n\n  Recieve the parcel.", ["Recieve"]),
        ("Steps:\n - Recieve the parcel.", ["Recieve"]),
        ("Ask our partner Recieve about it.", []),  # mid-sentence capital: a name
    ],
)
def test_a_capitalised_typo_counts_only_at_a_sentence_or_list_item_start(
    text: str, flagged: list[str]
) -> None:
    found = [text[e.start : e.end] for e in misspellings(text, frozenset())]
    assert found == flagged
