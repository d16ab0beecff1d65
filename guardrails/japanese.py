"""Japanese tokenisation with SudachiPy: one dictionary per process, one tokenizer per thread.

Content words are Sudachi's *normalised* forms, so inflections and spelling variants meet
("返金して"/"返金する" -> 返金, "使えない" -> 使う, "なぜ" -> 何故). Mode A (short units) splits
compounds ("請求書" -> 請求 + 書), so a compound in a question meets its parts in an article.
Nouns that work as adverbs (今日, 先日, 以内, 中) and adverbs (すぐ, なぜ) are not topical and
are left out. Sudachi's synonym groups ("使う"/"利用", "解約"/"キャンセル", "支払う"/"支払い")
let callers match words the customer and the article spell differently.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sudachipy import Dictionary, SplitMode

_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# Sub-categories that carry no topic: bound forms, numerals, and time/relation nouns.
_NOT_TOPICAL = frozenset({"非自立可能", "数詞", "副詞可能"})
_local = threading.local()


@dataclass(frozen=True)
class Word:
    """One content word: its normalised form and its Sudachi synonym group ids."""

    form: str
    synonyms: tuple[int, ...] = ()


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


def content_words(text: str) -> list[Word]:
    """Topical content words (nouns, verbs, adjectives) of a Japanese text, in order."""
    words = []
    for morpheme in tokenizer().tokenize(text):
        pos = morpheme.part_of_speech()
        if pos[0] in _CONTENT_POS and pos[1] not in _NOT_TOPICAL and pos[2] not in _NOT_TOPICAL:
            form = morpheme.normalized_form().lower()
            words.append(Word(form, tuple(morpheme.synonym_group_ids())))
    return words


def content_terms(text: str) -> list[str]:
    """Normalised content words (nouns, verbs, adjectives) of a Japanese text."""
    return [word.form for word in content_words(text)]


def search_terms(text: str) -> list[str]:
    """Content words plus one ``≈<id>`` token per synonym group, for a search index.

    A query word then meets an article word of the same group ("使えない" -> 利用).
    """
    terms = []
    for word in content_words(text):
        terms.append(word.form)
        terms.extend(f"≈{group}" for group in word.synonyms)
    return terms


@lru_cache(maxsize=8192)
def synonym_groups(word: str) -> frozenset[int]:
    """Sudachi synonym group ids of one word (empty unless it is a single dictionary word)."""
    morphemes = list(tokenizer().tokenize(word))
    if len(morphemes) != 1:
        return frozenset()
    return frozenset(morphemes[0].synonym_group_ids())
