"""Knowledge-base retrieval: BM25 (bm25s) over articles, Japanese tokenised with SudachiPy.

Japanese text is indexed as Sudachi's normalised content words plus their synonym groups
(``guardrails.japanese.search_terms``), so "返金していただけますか" meets "返金いたします" and
"使えない" meets "ご利用いただけません"; English as the shared ``guardrails.terms`` stems and
support synonyms, plus acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import bm25s.selection
import numpy as np

from guardrails.japanese import search_terms
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.language import JAPANESE, normalise_width
from guardrails.terms import en_terms
from guardrails.text.acronyms import looks_like_acronym, spelled_acronyms
from service.backends.base import Passage
from service.models import KnowledgeArticle

_EN_ACRONYM = re.compile(r"\b([0-9]?[A-Z]{2,4})s?\b")


def tokenise(text: str) -> list[str]:
    """Search terms of a text: Sudachi content words for Japanese, English terms otherwise.

    English terms are the shared ``guardrails.terms`` stems and support synonyms ("Cancelling"
    meets "cancel", "receipt" meets "invoice") and the acronyms written in it ("2FA");
    articles also index the acronyms they spell out (``_article_terms``).
    """
    text = normalise_width(text)
    terms = search_terms(text.lower()) if JAPANESE.search(text) else []
    terms += sorted(t.removeprefix("#") for t in en_terms(text))
    terms += sorted(a.lower() for a in _EN_ACRONYM.findall(text))
    return terms


def _article_terms(article: KnowledgeArticle) -> list[str]:
    """An article's index terms: its title twice (titles name the topic), its body once."""
    text = f"{article.title}\n{article.title}\n{article.body}"
    spelled = [a for a in spelled_acronyms(text) if looks_like_acronym(a)]
    return tokenise(text) + sorted(spelled) if not JAPANESE.search(text) else tokenise(text)


@dataclass(frozen=True)
class _Index:
    articles: tuple[KnowledgeArticle, ...]
    bm25: bm25s.BM25 | None


def _build_index(articles: Sequence[KnowledgeArticle]) -> _Index:
    """A BM25 index over the articles' search terms (None when no article has any)."""
    corpus = [_article_terms(a) for a in articles]
    bm25 = None
    if any(corpus):
        bm25 = bm25s.BM25(backend="numpy")  # the backend `Retriever._top` scores as
        bm25.index([doc or ["\u2205"] for doc in corpus], show_progress=False)
    return _Index(articles=tuple(articles), bm25=bm25)


class Retriever:
    """Builds one BM25 index per distinct knowledge base (cached by content) and queries it."""

    def __init__(self, cache_size: int = 64) -> None:
        self._cache: DerivedCache[str, _Index] = DerivedCache(cache_size)

    def _index(self, articles: Sequence[KnowledgeArticle]) -> _Index:
        return self._cache.get(kb_key(articles), lambda: _build_index(articles))

    def retrieve(
        self,
        articles: Sequence[KnowledgeArticle],
        query: str,
        k: int,
        asks: Sequence[str] = (),
    ) -> list[Passage]:
        """Return the articles relevant to ``query``, best first (score > 0 only).

        Up to ``k`` for the whole query; then, for each of ``asks`` (the customer's questions),
        its best article if the whole query left it out, so a terse ask in a long message
        ("How do I actually cancel?") still brings the article that answers it.
        """
        if not articles:
            return []
        index = self._index(articles)
        if index.bm25 is None:
            return []
        found = self._top(index, tokenise(query), min(k, len(articles)))
        for ask in asks:
            for doc, score in self._top(index, tokenise(ask), 1):
                if all(doc != seen for seen, _ in found):
                    found.append((doc, score))
        return [_passage(index.articles[doc], score) for doc, score in found]

    @staticmethod
    def _top(index: _Index, terms: list[str], k: int) -> list[tuple[int, float]]:
        if index.bm25 is None or not terms or k < 1:
            return []
        # What ``BM25.retrieve`` does for one query on the numpy backend (our index's), less
        # its per-call wrapping: argument checks, a progress bar object (built even when
        # hidden) and the batch arrays. Three queries a draft; same scores, same order.
        scores, ids = bm25s.selection.topk(
            index.bm25.get_scores(terms), k, backend="auto", sorted=True
        )
        pairs = zip(np.asarray(ids), np.asarray(scores), strict=True)
        return [(int(doc), float(score)) for doc, score in pairs if score > 0]


def _passage(article: KnowledgeArticle, score: float) -> Passage:
    return Passage(
        article_id=article.id,
        title=article.title,
        body=article.body,
        url=article.url,
        last_reviewed=article.last_reviewed,
        score=score,
        audience=article.audience,
    )
