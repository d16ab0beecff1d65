"""Content keys for knowledge bases, so work that depends only on a KB is done once per KB.

Retrieval's BM25 index, the service's article list and published contacts, and the
guardrails' KB indexes (the answer judge's sentence index, ``stale_article``'s features,
``unverified_link``'s URLs) depend on the articles alone. They are cached under ``kb_key``: a
digest of every article field, computed once per distinct set of article objects. A stored
knowledge base comes back from ``Store.get_knowledge_base`` as the same objects while it is
unchanged, and the pipeline hands the guardrails the same ``Article`` tuple for the same KB
content, so on most requests the key is found by the objects' identity without reading the
text at all. Article objects are treated as read-only.

It lives here, not in ``service``, because guardrails depend on nothing in the service; the
service's ``KnowledgeArticle`` and the guardrails' ``Article`` both fit ``KBArticle``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, Protocol, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_FIELD_END = b"\x00"
_ARTICLE_END = b"\x01"


class KBArticle(Protocol):
    """The fields of a knowledge-base article that its content key covers."""

    @property
    def id(self) -> str: ...  # noqa: D102
    @property
    def title(self) -> str: ...  # noqa: D102
    @property
    def url(self) -> str | None: ...  # noqa: D102
    @property
    def body(self) -> str: ...  # noqa: D102
    @property
    def last_reviewed(self) -> dt.date | None: ...  # noqa: D102
    @property
    def audience(self) -> str: ...  # noqa: D102


def content_key(articles: Sequence[KBArticle]) -> str:
    """A digest of every field of every article, in order (the KB's content hash)."""
    digest = hashlib.blake2b(digest_size=20)
    for article in articles:
        for value in (
            article.id,
            article.title,
            article.url or "",
            article.body,
            article.last_reviewed.isoformat() if article.last_reviewed else "",
            article.audience,
        ):
            digest.update(value.encode())
            digest.update(_FIELD_END)
        digest.update(_ARTICLE_END)
    return digest.hexdigest()


class _KeysByIdentity:
    """``content_key`` of recently seen article sequences, found by their objects' identity.

    Each entry holds its article objects, so their ids cannot be reused by other objects while
    it is cached: the same ids mean the very same objects. Few entries: a KB sent inline comes
    as new objects on every request, and each entry keeps its objects alive. A request's KB
    takes two: the service's articles and the guardrails' view of them.
    """

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._items: OrderedDict[tuple[int, ...], tuple[tuple[KBArticle, ...], str]] = OrderedDict()
        self._lock = threading.Lock()
        self._last: tuple[tuple[KBArticle, ...], str] | None = None

    def key(self, articles: Sequence[KBArticle]) -> str:
        last = self._last
        if last is not None and last[0] is articles:
            # The very tuple asked about last (a request asks several times): no id tuple to
            # build. Only a tuple: a list may have changed since.
            return last[1]
        ids = tuple(map(id, articles))
        with self._lock:
            found = self._items.get(ids)
            if found is not None:
                self._items.move_to_end(ids)
                key = found[1]
        if found is None:
            key = content_key(articles)
            with self._lock:
                self._items[ids] = (tuple(articles), key)
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        if isinstance(articles, tuple):
            self._last = (articles, key)
        return key


_KEYS = _KeysByIdentity()


def kb_key(articles: Sequence[KBArticle]) -> str:
    """The content key of ``articles`` (cheap for article objects seen recently)."""
    return _KEYS.key(articles)


class DerivedCache(Generic[K, V]):
    """A small thread-safe LRU of values derived from a knowledge base, by a hashable key.

    The key includes the KB's ``kb_key``; ``build`` runs outside the lock (two threads may
    both build a missing value once; either result is the same). Cached values are shared
    between requests: callers only read them.
    """

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many values are cached now."""
        return len(self._items)

    def get(self, key: K, build: Callable[[], V]) -> V:
        """The value cached under ``key``, built (and cached) if missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value
