"""Japanese tokenisation with SudachiPy: one dictionary per process, one tokenizer per thread."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from sudachipy import Dictionary, SplitMode

_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞"})
_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    # Loading the core dictionary costs ~40 ms; it is shared, tokenizers are not.
    return Dictionary()


def tokenizer() -> Any:
    """This thread's Sudachi tokenizer (mode A: short units, best for search)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = _dictionary().tokenizer(mode=SplitMode.A)
        _local.tokenizer = tok
    return tok


def content_terms(text: str) -> list[str]:
    """Normalised content words (nouns, verbs, adjectives) of a Japanese text."""
    terms = []
    for morpheme in tokenizer().tokenize(text):
        pos = morpheme.part_of_speech()
        if pos[0] in _CONTENT_POS and pos[1] not in ("非自立可能", "数詞"):
            terms.append(morpheme.normalized_form().lower())
    return terms
