"""A small thread-safe LRU keyed by a digest of text, never by the text itself.

For analyses of a request's text worth reusing across requests (the same message comes back
with every draft of a thread, a customer's signature with each of their emails) without
keeping that text: the key is a 20-byte BLAKE2b digest, and a caller stores only values that
hold none of the text (spans, verdicts).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

_V = TypeVar("_V")


class DigestLru(Generic[_V]):
    """Up to ``size`` values keyed by :meth:`key` digests; the least recently used go first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[bytes, _V] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str, scope: str = "") -> bytes:
        """The digest ``text`` is kept under; ``scope`` (a language, say) keeps readings apart."""
        return hashlib.blake2b(f"{scope}\0{text}".encode(), digest_size=20).digest()

    def get(self, key: bytes) -> _V | None:
        """The value stored under ``key`` (now the most recently used), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: bytes, value: _V) -> None:
        """Store ``value`` under ``key``, dropping the least recently used past ``size``."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
