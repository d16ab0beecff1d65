"""Outbound PII guardrails over the final draft: someone else's data, and secrets.

Whose a value is decides ``foreign_pii``. The customer's own data, the company's published
contacts and the agent's are fine. A value the thread or KB already holds used to pass as
well, which let a third party's email through: "My colleague John Carter
(john.carter@example.org) saw the same issue" put John's address in the thread, so a draft
writing to it passed. Now a contact value (email, phone...) from a customer message counts
as the customer's only when the sentence holding it names no one else (no other person, no
"my colleague", 「夫」...) or it sits in their signature. A near-miss spelling of the customer's
own name ("Joyxe" for Joyce, 斉藤 for 斎藤) is ``wrong_name``'s to report, not a stranger's name.
A name in the lines after the sign-off is the sender's: when the request names no agent, the
agent who signs with their own first name discloses nobody else's data.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.language import fold_text as _fold
from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import SENSITIVE_TYPES, PiiEntity, entity_noun
from guardrails.pii.ownership import Ownership
from guardrails.practice.letter import read_letter
from guardrails.sentences import split_sentences

# Someone other than the writer, named by their relation to them.
_THIRD_PARTY = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:\w+\s+)?(?:colleague|co-?worker|manager|boss|assistant|"
    r"wife|husband|partner|friend|accountant|son|daughter|mother|father|mom|dad|brother|sister|"
    r"team-?mate|supervisor|employee|secretary|client|customer)s?\b"
    r"|夫|妻|主人|家内|家族|同僚|上司|部下|友人|知人|息子|娘|秘書|社長|部長|課長|担当者",
    re.IGNORECASE,
)


# The KB's folded text, by its content key: folding every article on every request that
# named a person cost more than the rest of the check on a large KB.
_FOLDED_KB: DerivedCache[str, str] = DerivedCache(16)


def _folded_kb(articles: tuple[Article, ...]) -> str:
    """Every article's title and body, folded: once per KB content, not per request."""
    return _FOLDED_KB.get(
        kb_key(articles), lambda: _fold("\n".join(f"{a.title}\n{a.body}" for a in articles))
    )


def _joined(*folded: str) -> str:
    """Folded parts as one folded text: ``_fold`` of their newline join, part by part.

    Folding works character by character and collapses every whitespace run to one space,
    so the folded parts joined by a space (empty ones left out) equal the folded join.
    """
    return " ".join(part for part in folded if part)


def _request_text(ctx: GuardrailContext) -> str:
    """The thread and KB, folded: names found there are not someone else's data to leak.

    A name the customer wrote themselves, or one the help center publishes, is repeated back
    to the same customer, not disclosed to a stranger.
    """
    thread = [m.body for m in ctx.messages] + [m.signature or "" for m in ctx.messages]
    return _joined(_fold("\n".join(thread)), _folded_kb(ctx.articles), _fold(ctx.subject or ""))


def _company_text(ctx: GuardrailContext) -> str:
    """KB, subject, our own earlier messages and the customer's signatures, folded."""
    parts = [f"{m.body}\n{m.signature or ''}" for m in ctx.messages if m.role != "customer"]
    parts += [m.signature or "" for m in ctx.messages if m.role == "customer"]
    parts.append(ctx.subject or "")
    return _joined(_folded_kb(ctx.articles), _fold("\n".join(parts)))


def _signature_spans(draft: str, ctx: GuardrailContext) -> list[tuple[int, int]]:
    """Spans of the lines after the sign-off, when the request names no agent.

    Those lines name the sender; with an agent name given, a different name there is a
    colleague's (and ``is_allowed`` already passes the agent's own).
    """
    if ctx.agent.name:
        return []
    letter = read_letter(draft, ctx.draft_language)
    return [(line.start, line.end) for line in letter.signature]


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

    def _named_elsewhere(self, sentence: str, ownership: Ownership, language: str) -> bool:
        """True when ``sentence`` names someone besides the customer (so its data is theirs)."""
        if _THIRD_PARTY.search(sentence):
            return True
        people = self.engine.analyze(sentence, language, entities=["PERSON"])
        return any(
            not ownership.is_customers(sentence[p.start : p.end])
            and not ownership.is_customer_name_variant(sentence[p.start : p.end])
            for p in people
        )

    def _customers_own(self, value: str, ctx: GuardrailContext, ownership: Ownership) -> bool:
        """True when a customer message gives ``value`` as their own (no one else named)."""
        folded = _fold(value)
        for message in ctx.customer_messages:
            for sentence in split_sentences(message.body):
                if folded in _fold(sentence.text) and not self._named_elsewhere(
                    sentence.text, ownership, ctx.customer_language
                ):
                    return True
        return False

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Flag each value that is neither the customer's, the company's, nor sensitive."""
        # Imported here: placeholder_left reads the entity types from this package.
        from guardrails.verify.placeholder_left import placeholder_spans

        entities, ownership = _scan(self.engine, draft, ctx)
        findings = []
        known_text: str | None = None
        company_text: str | None = None
        residue = list(placeholder_spans(draft)) if entities else []
        signature = _signature_spans(draft, ctx) if entities else []
        for ent in entities:
            value = draft[ent.start : ent.end]
            if ent.type in SENSITIVE_TYPES or ownership.is_customers(value):
                continue
            if ownership.is_allowed(value) or any(
                s < ent.end and ent.start < e for s, e in residue
            ):
                continue  # the company's, or template residue that placeholder_left reports
            if ent.type == "PERSON":
                if any(s <= ent.start and ent.end <= e for s, e in signature):
                    continue  # the sender signing their own name
                known_text = _request_text(ctx) if known_text is None else known_text
                # with the words before it: 斎藤 花了 misspells 斎藤 花子 though 了 alone does not
                lead = re.split(r"[\n、。,.!?]", draft[max(0, ent.start - 12) : ent.start])[-1]
                variant = any(
                    ownership.is_customer_name_variant(lead[i:] + value)
                    for i in range(len(lead) + 1)
                    if i == len(lead) or lead[i - 1 : i] in ("", " ", "　") or not lead.isascii()
                )
                if _fold(value) in known_text or variant:
                    continue  # mentioned in the thread, or a misspelt customer name (wrong_name)
            else:
                company_text = _company_text(ctx) if company_text is None else company_text
                if _fold(value) in company_text or self._customers_own(value, ctx, ownership):
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
