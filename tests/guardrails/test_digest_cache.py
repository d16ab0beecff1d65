"""``DigestLru``: values under a digest of text (never the text), least recently used first out."""

from __future__ import annotations

from guardrails.digest_cache import DigestLru


def test_a_value_is_found_under_its_texts_digest_and_scope_only() -> None:
    cache: DigestLru[int] = DigestLru(4)
    cache.put(cache.key("hello", "en"), 1)
    assert cache.get(cache.key("hello", "en")) == 1
    assert cache.get(cache.key("hello", "ja")) is None  # another scope: another key
    assert cache.get(cache.key("hello!", "en")) is None  # another text: another key
    assert "hello" not in repr(cache.key("hello", "en"))


def test_the_least_recently_used_goes_first() -> None:
    cache: DigestLru[str] = DigestLru(2)
    a, b, c = (cache.key(t) for t in "abc")
    cache.put(a, "a")
    cache.put(b, "b")
    assert cache.get(a) == "a"  # a used after b: b goes first
    cache.put(c, "c")
    assert (cache.get(a), cache.get(b), cache.get(c)) == ("a", None, "c")
    assert len(cache) == 2
    cache.clear()
    assert len(cache) == 0
