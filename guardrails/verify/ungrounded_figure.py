"""``ungrounded_figure`` (verify): a figure in the draft found in neither the KB nor the thread."""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.figures import Figure, find_figures
from guardrails.follow_up import is_follow_up_time_frame
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.sentences import Sentence, split_sentences


def _numbers_by_kind(text: str) -> dict[str, set[str]]:
    by_kind: dict[str, set[str]] = {}
    for figure in find_figures(text):
        by_kind.setdefault(figure.kind, set()).update(figure.numbers)
    return by_kind


def _build_kb_numbers(articles: tuple[Article, ...]) -> dict[str, frozenset[str]]:
    found = _numbers_by_kind("\n".join(f"{a.title}\n{a.body}" for a in articles))
    return {kind: frozenset(numbers) for kind, numbers in found.items()}


# A knowledge base is shared by many requests; its figures are found once per KB content.
_KB_NUMBERS: DerivedCache[str, dict[str, frozenset[str]]] = DerivedCache(16)


def _kb_numbers(articles: tuple[Article, ...]) -> dict[str, frozenset[str]]:
    """The numbers of the KB's figures, by kind."""
    return _KB_NUMBERS.get(kb_key(articles), lambda: _build_kb_numbers(articles))


def _source_numbers(ctx: GuardrailContext) -> dict[str, set[str]]:
    """Numbers of the KB and thread figures, by kind ("10 minutes" does not ground "10%")."""
    texts = [ctx.subject or ""] + [m.body for m in ctx.messages]
    by_kind = _numbers_by_kind("\n".join(texts))
    for kind, numbers in _kb_numbers(ctx.articles).items():
        by_kind.setdefault(kind, set()).update(numbers)
    return by_kind


def _in_follow_up(figure: Figure, sentences: list[Sentence]) -> bool:
    """A figure inside our own follow-up time frame ("we will reply within 2 business days").

    That cushion is what the seed articles ask for, and it promises our next message, not an
    outcome; the commitment guardrail treats it the same way. ``sentences``: the draft's.
    """
    for sentence in sentences:
        if sentence.start <= figure.start < sentence.end:
            return is_follow_up_time_frame(sentence.text)
    return False


class UngroundedFigure(GuardrailBase):
    """Flags draft figures whose numbers appear in no KB or thread figure of the same kind."""

    code: ClassVar[FlagCode] = "ungrounded_figure"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one verify finding per ungrounded figure."""
        figures = find_figures(draft)
        if not figures:
            return []
        known = _source_numbers(ctx)
        ungrounded = [f for f in figures if not f.numbers <= known.get(f.kind, set())]
        # The draft is split into sentences once, and only when a figure needs it.
        sentences = split_sentences(draft) if ungrounded else []
        return [
            self.finding(
                message=f"Check this {f.kind}: it is not in the knowledge base or thread: {f.text}",
                span=Span(start=f.start, end=f.end),
                evidence=f.text,
            )
            for f in ungrounded
            if not _in_follow_up(f, sentences)
        ]
