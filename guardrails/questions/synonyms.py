"""Synonym tokens for matching an ask with its answer, from SudachiPy's synonym dictionary.

Japanese words the customer and the reply spell differently meet through Sudachi's synonym
groups (解約/キャンセル, 使う/利用) and a verb meets the noun made from it through their shared
kanji (届く/お届け): each becomes a ``≈<group>`` or ``〜<kanji>`` token beside the content terms.
English synonyms are folded to shared concepts in ``guardrails.terms``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guardrails.japanese import content_words, kanji_stem
from guardrails.terms import content_terms, is_ja_stop_word

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=8192)
def synonym_terms(text: str) -> frozenset[str]:
    """The synonym-group and kanji-stem tokens of the Japanese words in ``text``."""
    if not _JAPANESE.search(text):
        return frozenset()
    out: set[str] = set()
    for word in content_words(text):
        if is_ja_stop_word(word.form):
            continue  # 予定, 方法: their synonyms carry no more topic than they do
        out.update(f"≈{group}" for group in word.synonyms)
        stem = kanji_stem(word.form)
        if stem is not None:
            out.add(f"〜{stem}")
    return frozenset(out)


@lru_cache(maxsize=4096)
def word_synonyms(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per Japanese content word of ``text``: its content terms and its synonym tokens.

    A window holding one of a word's synonym tokens holds that word, spelled differently.
    """
    if not _JAPANESE.search(text):
        return ()
    out = []
    for word in content_words(text):
        if is_ja_stop_word(word.form):
            continue
        tokens = {f"≈{group}" for group in word.synonyms}
        stem = kanji_stem(word.form)
        if stem is not None:
            tokens.add(f"〜{stem}")
        terms = frozenset(content_terms(word.form))
        if tokens and terms:
            out.append((terms, frozenset(tokens)))
    return tuple(out)
