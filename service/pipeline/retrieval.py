"""Knowledge-base retrieval: BM25 (bm25s) over articles, Japanese tokenised with SudachiPy.

Japanese text is indexed as Sudachi's normalised content words plus their synonym groups
(``guardrails.japanese.search_terms``), so "返金していただけますか" meets "返金いたします" and
"使えない" meets "ご利用いただけません"; English as lightly folded words.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from guardrails.japanese import search_terms
from guardrails.language import normalise_width
from service.backends.base import Passage
from service.models import KnowledgeArticle

_EN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_EN_STOP = frozenset(
    "a an the and or but if of to in on at for with by from as is are was were be been it its "
    "this that these those i you your we our my me us they them he she do does did can could "
    "would should will shall may might have has had not no so than then there here what when "
    "where which who how why please hi hello thanks thank also just any all".split()
)


def tokenise(text: str) -> list[str]:
    """Search terms of a text: Sudachi content words for Japanese, stemmed-lite words otherwise."""
    text = normalise_width(text).lower()
    terms = search_terms(text) if _CJK.search(text) else []
    for word in _EN_WORD.findall(text):
        if word not in _EN_STOP:
            # A crude plural fold is enough for support vocabulary (invoices/invoice).
            terms.append(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return terms


@dataclass(frozen=True)
class _Index:
    articles: tuple[KnowledgeArticle, ...]
    bm25: bm25s.BM25 | None


def _kb_key(articles: Sequence[KnowledgeArticle]) -> str:
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.model_dump_json().encode())
    return digest.hexdigest()


class Retriever:
    """Builds one BM25 index per distinct knowledge base (cached by content) and queries it."""

    def __init__(self, cache_size: int = 64) -> None:
        self._cache: OrderedDict[str, _Index] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _index(self, articles: Sequence[KnowledgeArticle]) -> _Index:
        key = _kb_key(articles)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        corpus = [tokenise(f"{a.title}\n{a.title}\n{a.body}") for a in articles]
        bm25 = None
        if any(corpus):
            bm25 = bm25s.BM25()
            bm25.index([doc or ["\u2205"] for doc in corpus], show_progress=False)
        index = _Index(articles=tuple(articles), bm25=bm25)
        with self._lock:
            self._cache[key] = index
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return index

    def retrieve(self, articles: Sequence[KnowledgeArticle], query: str, k: int) -> list[Passage]:
        """Return up to ``k`` articles relevant to ``query``, best first (score > 0 only)."""
        if not articles:
            return []
        index = self._index(articles)
        terms = tokenise(query)
        if index.bm25 is None or not terms:
            return []
        k = min(k, len(articles))
        ids, scores = index.bm25.retrieve([terms], k=k, show_progress=False)
        passages = []
        for doc, score in zip(np.asarray(ids)[0], np.asarray(scores)[0], strict=True):
            if score <= 0:
                continue
            article = index.articles[int(doc)]
            passages.append(
                Passage(
                    article_id=article.id,
                    title=article.title,
                    body=article.body,
                    url=article.url,
                    last_reviewed=article.last_reviewed,
                    score=float(score),
                    audience=article.audience,
                )
            )
        return passages
