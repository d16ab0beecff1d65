"""``stale_article`` (verify): the draft relies on a KB article past its review date.

The draft relies on an article when it cites it (id, URL or quoted title) or when one of its
sentences carries enough of the article's own wording that the customer did not supply.
"""

from __future__ import annotations

import datetime as dt

from guardrails.base import Finding, Span
from guardrails.context import Article, GuardrailContext
from guardrails.sentences import split_sentences
from guardrails.terms import content_terms
from guardrails.verify.unverified_link import normalise_url

CODE = "stale_article"
# A draft sentence relies on an article when it shares this many terms absent from the thread,
MIN_SHARED_TERMS = 3
# making up at least this share of the sentence's terms.
MIN_SHARED_SHARE = 0.4


def _cited(article: Article, draft: str, folded_draft: str) -> tuple[int, int] | None:
    for needle in (article.id, article.title):
        if len(needle) >= 4:
            at = folded_draft.find(needle.lower())
            if at >= 0:
                return at, at + len(needle)
    if article.url:
        target = normalise_url(article.url)
        for word_start, word in _words(draft):
            if "." in word and normalise_url(word) == target:
                return word_start, word_start + len(word)
    return None


def _words(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for word in text.split():
        pos = text.index(word, pos)
        out.append((pos, word))
        pos += len(word)
    return out


def _relied_span(
    article: Article, sentences: list[tuple[int, int, set[str]]], thread: set[str]
) -> tuple[int, int] | None:
    own = content_terms(f"{article.title}\n{article.body}") - thread
    for start, end, terms in sentences:
        shared = terms & own
        if len(shared) >= MIN_SHARED_TERMS and len(shared) >= MIN_SHARED_SHARE * len(terms):
            return start, end
    return None


class StaleArticle:
    """Flags articles the draft relies on whose ``last_reviewed`` is too old."""

    name = CODE

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one verify finding per stale article the draft relies on."""
        cutoff = ctx.settings.today - dt.timedelta(days=ctx.settings.stale_article_days)
        stale = [a for a in ctx.articles if a.last_reviewed and a.last_reviewed < cutoff]
        if not stale:
            return []
        folded = draft.lower()
        thread = content_terms("\n".join(m.body for m in ctx.messages))
        sentences = [(s.start, s.end, content_terms(s.text)) for s in split_sentences(draft)]
        findings = []
        for article in stale:
            span = _cited(article, draft, folded) or _relied_span(article, sentences, thread)
            if span is None:
                continue
            findings.append(
                Finding(
                    code=CODE,
                    severity="verify",
                    message=(
                        f'The draft relies on "{article.title}", last reviewed '
                        f"{article.last_reviewed}: check it is still correct."
                    ),
                    span=Span(start=span[0], end=span[1]),
                    evidence=article.id,
                )
            )
        return findings
