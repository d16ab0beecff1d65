"""``kb_key`` reads an article's text only for article objects it has not seen."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from guardrails import kb_cache
from guardrails.context import Article

KB = (
    Article(id="a", title="Returns", body="Unused items can be returned within 30 days."),
    Article(id="b", title="Shipping", body="Parcels to Canada arrive in 5-7 business days."),
)


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A fresh key cache, and a list growing by one each time article text is hashed."""
    monkeypatch.setattr(kb_cache, "_KEYS", kb_cache._KeysByIdentity())
    calls: list[int] = []
    real = kb_cache.content_key

    def counted(articles: Sequence[kb_cache.KBArticle]) -> str:
        calls.append(1)
        return real(articles)

    monkeypatch.setattr(kb_cache, "content_key", counted)
    return calls


def test_the_same_objects_are_hashed_once(hashed: list[int]) -> None:
    key = kb_cache.kb_key(KB)
    assert kb_cache.kb_key(KB) == key
    assert kb_cache.kb_key(tuple(KB)) == key
    assert kb_cache.kb_key(list(KB)) == key
    assert len(hashed) == 1
    assert kb_cache.kb_key(tuple(dataclasses.replace(a) for a in KB)) == key  # new objects
    assert len(hashed) == 2


def test_a_list_changed_in_place_gets_its_new_key(hashed: list[int]) -> None:
    articles = list(KB)
    key = kb_cache.kb_key(articles)
    articles[0] = dataclasses.replace(KB[0], body="Sale items are final.")
    assert kb_cache.kb_key(articles) != key
    assert kb_cache.kb_key(KB) == key
