"""Outbound PII guardrails over the final draft: someone else's data, and secrets."""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.language import normalise_width
from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import SENSITIVE_TYPES, PiiEntity, entity_noun
from guardrails.pii.ownership import Ownership


def _fold(text: str) -> str:
    return " ".join(normalise_width(text).casefold().split())


def _request_text(ctx: GuardrailContext) -> str:
    """The thread and KB, folded: values found there are not someone else's data to leak.

    A name or number the customer wrote themselves, or one the help center publishes, is
    repeated back to the same customer, not disclosed to a stranger.
    """
    parts = [m.body for m in ctx.messages] + [m.signature or "" for m in ctx.messages]
    parts += [f"{a.title}\n{a.body}" for a in ctx.articles]
    if ctx.subject:
        parts.append(ctx.subject)
    return _fold("\n".join(parts))


def _scan(
    engine: PiiEngine, draft: str, ctx: GuardrailContext
) -> tuple[list[PiiEntity], Ownership]:
    ownership = Ownership.from_context(ctx)
    return engine.analyze(draft, ctx.draft_language, known_names=ownership.names), ownership


class ForeignPiiGuardrail(GuardrailBase):
    """``foreign_pii``: personal data in the draft that is not this customer's (block)."""

    code: ClassVar[FlagCode] = "foreign_pii"
    severity: ClassVar[Severity] = "block"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Flag each value that is neither the customer's, the company's, nor sensitive."""
        entities, ownership = _scan(self.engine, draft, ctx)
        findings = []
        known_text: str | None = None
        for ent in entities:
            value = draft[ent.start : ent.end]
            if ent.type in SENSITIVE_TYPES or ownership.is_customers(value):
                continue
            if ownership.is_allowed(value):
                continue
            known_text = _request_text(ctx) if known_text is None else known_text
            if _fold(value) in known_text:
                continue
            findings.append(
                self.finding(
                    message=f"The draft contains {entity_noun(ent.type)} of someone else.",
                    span=Span(start=ent.start, end=ent.end),
                    evidence=ent.type,
                )
            )
        return findings


class SensitivePiiGuardrail(GuardrailBase):
    """``sensitive_pii``: card numbers, national IDs, passwords, keys (block), whoever's."""

    code: ClassVar[FlagCode] = "sensitive_pii"
    severity: ClassVar[Severity] = "block"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Flag every sensitive value in the draft."""
        entities = self.engine.analyze(draft, ctx.draft_language, entities=sorted(SENSITIVE_TYPES))
        return [
            self.finding(
                message=f"The draft contains {entity_noun(ent.type)}; never send it by email.",
                span=Span(start=ent.start, end=ent.end),
                evidence=ent.type,
            )
            for ent in entities
        ]
