"""English ask reading, once per sentence in a run, keyed by the sentence."""

from __future__ import annotations

import pytest

from guardrails.questions import asks_en
from guardrails.questions.asks_en import ask_kind_en, is_meta
from guardrails.run_memo import run_memo

SENTENCES = (
    "Do you ship to Canada?",
    "Please send me the invoice.",
    "My invoice never arrived",
    "I have a question for you?",
    "Thanks so much!",
)


def test_a_run_reads_each_sentence_once_keyed_by_the_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = [(ask_kind_en(s), is_meta(s)) for s in SENTENCES]
    read: list[str] = []
    real = asks_en._words

    def counting(text: str) -> list[str]:
        read.append(text)
        return real(text)

    monkeypatch.setattr(asks_en, "_words", counting)
    with run_memo():
        assert [(ask_kind_en(s), is_meta(s)) for s in SENTENCES] == expected
        first = len(read)
        # The ask reader and the list-head reader read the same sentences: no word is read again.
        assert [(ask_kind_en(s), is_meta(s)) for s in SENTENCES] == expected
        assert len(read) == first
        # Sentences differing in one letter are two entries, each read for itself.
        assert ask_kind_en("Do you ship to Canada or Mexico?") == expected[0][0]
        assert len(read) > first
        assert ask_kind_en("Please send me the invoice!") == expected[1][0]
    assert len({kind for kind, _ in expected}) == 4  # question, request, problem, None
