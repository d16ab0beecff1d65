"""``proofreading`` (verify): typos and usage slips a careful agent fixes before sending.

English: misspellings (``spelling``), a word typed twice, unbalanced brackets and quotes.
Japanese: 二重敬語, ら抜き言葉 and doubled particles (``keigo``), and one token mixing full-
and half-width characters. Each finding spans the slip and carries the fix when it is clear.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.language import JAPANESE
from guardrails.practice.edits import Edit
from guardrails.practice.keigo import japanese_slips
from guardrails.practice.spelling import misspellings, warm
from guardrails.practice.typography import mixed_widths, repeated_words, unbalanced_brackets
from guardrails.run_memo import per_run

_WORDS = re.compile(r"[A-Za-z]+")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+")


@per_run
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORDS.findall(text))


def request_vocabulary(ctx: GuardrailContext) -> frozenset[str]:
    """Words the request itself uses, which are never typos in the draft.

    The KB's own vocabulary and the voice glossary (product terms), the brand, every name
    the request gives, the subject, and capitalised words of the thread (the customer's
    product, shop or plan names). The customer's other words are not: a draft should not
    repeat their typo.
    """
    people = (ctx.customer, ctx.agent)
    parts = [term for pair in ctx.voice.glossary for term in pair]
    parts += [ctx.voice.brand or "", ctx.subject or ""]
    parts += [p.name or "" for p in people] + [ctx.customer.company or ""]
    parts += [ctx.customer.username or "", ctx.agent.title or ""]
    parts += [m.author_name or "" for m in ctx.messages]
    parts += [" ".join(_CAPITALISED.findall(m.body)) for m in ctx.messages]
    vocabulary: set[str] = set(_kb_vocabulary(ctx.articles))
    for part in parts:
        vocabulary |= _words(part)
    return frozenset(vocabulary)


# Keyed on the KB's content key: an ``lru_cache`` on the article tuple hashed (and, on a hit,
# compared) every title and body on every request.
_KB_VOCABULARY: DerivedCache[str, frozenset[str]] = DerivedCache(16)


def _kb_vocabulary(articles: tuple[Article, ...]) -> frozenset[str]:
    """The words of every article's title and body: once per KB content, not per request."""
    return _KB_VOCABULARY.get(
        kb_key(articles),
        lambda: frozenset(
            w.lower() for a in articles for w in _WORDS.findall(a.title + "\n" + a.body)
        ),
    )


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


class Proofreading(GuardrailBase):
    """``proofreading``: misspellings, repeated words, open brackets; 二重敬語, ら抜き, widths."""

    code: ClassVar[FlagCode] = "proofreading"
    severity: ClassVar[Severity] = "verify"

    def __init__(self) -> None:
        # Load the dictionary when the service builds its guardrails (about 2 s, once per
        # process), not on the first request that needs it.
        warm()

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """One finding per slip, spanning it, with the replacement when the fix is clear."""
        edits = repeated_words(draft) + unbalanced_brackets(draft) + mixed_widths(draft)
        if JAPANESE.search(draft):
            edits += japanese_slips(draft)
        if ctx.draft_language != "ja":
            edits += misspellings(draft, request_vocabulary(ctx))
        return [
            self.finding(
                message=edit.message,
                span=Span(start=edit.start, end=edit.end),
                evidence=edit.kind,
                suggestion=edit.suggestion,
            )
            for edit in _without_overlaps(edits)
        ]
