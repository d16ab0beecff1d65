r"""Text the stores cannot keep is refused at the edge, naming the field, never stripped.

PostgreSQL's ``text`` refuses the NUL character and UTF-8 cannot encode a lone surrogate (which
JSON's ``\ud800`` escapes produce). Left alone, either fails only at the database, as a 503
"database unavailable" after the draft was made. SQLite would keep them, so the two stores
would disagree; refusing them for every store keeps behaviour the same on both.

Text no caller sent, so no caller can correct, is made storable instead: a model's answer
(:func:`storable`, U+FFFD one for one), and what a worker reads from a helpdesk's API
(:func:`cleaned_json`, the characters deleted so personal data they split is masked whole; a
customer's message there cannot be edited, and refusing it failed every later delivery on
that ticket).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import SecretStr

# NUL, and the surrogate block (only ever lone in a Python str decoded from JSON).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

UNSTORABLE_MESSAGE = (
    "contains a NUL character or an unpaired surrogate, which cannot be stored; remove it"
)


def has_unstorable_text(value: Any) -> bool:
    """Whether ``value`` (a str, a secret, strings in lists/dicts) holds unstorable text."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, SecretStr):  # a secret is encrypted as UTF-8 before it is stored
        return has_unstorable_text(value.get_secret_value())
    if isinstance(value, Mapping):
        return any(has_unstorable_text(k) or has_unstorable_text(v) for k, v in value.items())
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return any(has_unstorable_text(item) for item in value)
    return False


def refuse_unstorable(value: Any) -> Any:
    """A pydantic field validator body: raise ``ValueError`` (a 422 naming the field)."""
    if has_unstorable_text(value):
        raise ValueError(UNSTORABLE_MESSAGE)
    return value


def storable(text: str) -> str:
    """``text`` with each NUL or lone surrogate replaced by U+FFFD, for text no caller sent.

    A model's answer is not refused (the caller did nothing wrong): what the stores cannot
    keep becomes the replacement character, one for one, before anything reads or stores it.
    """
    return _UNSTORABLE.sub("\ufffd", text)


def without_unstorable(text: str) -> str:
    r"""``text`` with each NUL or lone surrogate deleted, for text read from a helpdesk's API.

    Deleted, not replaced: a replacement character split the personal data it sat in
    (``name\0@example.org`` became ``name\ufffd@example.org``, which no recogniser reads as
    an email), so the part before it reached the model unmasked. Deleting rejoins the value,
    which masking then finds whole.
    """
    return _UNSTORABLE.sub("", text)


def cleaned_json(value: Any) -> tuple[Any, int]:
    """Decoded JSON with :func:`without_unstorable` applied to every string value in it.

    Returns the cleaned value and how many strings were changed (so the caller can record
    that a delivery's text was cleaned, without the text). Keys are never rewritten (two keys
    could become one and a field be lost silently): a key holding such a character raises
    ``ValueError``.
    """
    if isinstance(value, str):
        cleaned = without_unstorable(value)
        return cleaned, int(cleaned != value)
    if isinstance(value, dict):
        items: dict[Any, Any] = {}
        changed = 0
        for key, item in value.items():
            if has_unstorable_text(key):
                raise ValueError("a key " + UNSTORABLE_MESSAGE.split(", which")[0])
            items[key], count = cleaned_json(item)
            changed += count
        return items, changed
    if isinstance(value, list):
        parts = [cleaned_json(item) for item in value]
        return [part for part, _ in parts], sum(count for _, count in parts)
    return value, 0
