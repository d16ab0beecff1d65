"""Ask counting, round 29: folds keep their context's terms, and the structures read in r29."""

from __future__ import annotations

import time

import pytest

from guardrails.questions import extract
from guardrails.questions.extract import asks_in


def _termed_chars(monkeypatch: pytest.MonkeyPatch, body: str) -> int:
    """How many characters extraction hands to ``content_terms`` for ``body``."""
    seen = [0]
    real = extract.content_terms

    def counting(text: str) -> set[str]:
        seen[0] += len(text)
        return real(text)

    monkeypatch.setattr(extract, "content_terms", counting)
    asks_in(body)
    return seen[0]


def test_a_long_run_of_folded_sentences_is_termed_once_per_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # each wish folds into the ask before it; the folded context grew with every sentence and
    # was re-termed whole at each repeat check (quadratic: 100 KB ~16 s)
    unit = "We need the menu. And we'd like a table? "
    small = _termed_chars(monkeypatch, unit * 100)
    large = _termed_chars(monkeypatch, unit * 400)
    assert large < 6 * small  # 4x the input: linear, not 16x


def test_a_long_run_of_folded_sentences_stays_one_ask_and_is_quick() -> None:
    body = "We need the menu. And we'd like a table? " * 1500  # ~60 KB
    start = time.perf_counter()
    assert len(asks_in(body)) == 1
    assert time.perf_counter() - start < 10
