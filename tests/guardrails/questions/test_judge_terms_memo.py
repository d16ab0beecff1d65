"""The judge's full term set of a text: read once per run, keyed by the text, never kept."""

from __future__ import annotations

import pytest

from guardrails.questions import judge
from guardrails.questions.synonyms import (
    count_terms,
    hypernym_terms,
    lemma_terms,
    phrase_terms,
    synonym_terms,
)
from guardrails.run_memo import kept_keys, run_memo
from guardrails.terms import content_terms

REPLY = "We've called off the order and sent the refund on Saturday."
OTHER = "振込でお支払いいただけます。"


def _union(text: str) -> set[str]:
    return (
        content_terms(text)
        | synonym_terms(text)
        | lemma_terms(text)
        | hypernym_terms(text)
        | phrase_terms(text)
        | count_terms(text)
    )


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each text the judge reads content terms of (the first step of its term set)."""
    read: list[str] = []

    def counted(text: str) -> set[str]:
        read.append(text)
        return content_terms(text)

    monkeypatch.setattr(judge, "content_terms", counted)
    return read


def test_terms_are_the_union_of_every_kind_of_term() -> None:
    for text in (REPLY, OTHER, ""):
        assert judge._terms(text) == _union(text)
    assert "call_off" in judge._terms(REPLY)  # the phrase term is in the set


def test_terms_are_read_once_per_text_in_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    read = _counted(monkeypatch)
    with run_memo():
        first = judge._terms(REPLY)
        again = judge._terms(REPLY)
        other = judge._terms(OTHER)
    assert read == [REPLY, OTHER]  # the second look at REPLY read nothing again
    assert again == first and other != first
    assert other == _union(OTHER)


def test_each_caller_gets_its_own_set(monkeypatch: pytest.MonkeyPatch) -> None:
    with run_memo():
        first = judge._terms(REPLY)
        first.add("@planted")  # a caller changing its copy changes nobody else's
        assert "@planted" not in judge._terms(REPLY)


def test_terms_are_forgotten_when_the_run_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    read = _counted(monkeypatch)
    with run_memo():
        judge._terms(REPLY)
    with run_memo():
        judge._terms(REPLY)
    judge._terms(REPLY)  # outside a run: read plainly
    judge._terms(REPLY)
    assert read == [REPLY] * 4
    # the reply's text is kept in no process-wide table
    assert all(REPLY not in key for key in kept_keys() if isinstance(key, tuple))
