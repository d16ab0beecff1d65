"""The pipeline's PII stage: per-request masking/restoring and the decisions auditors see."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from guardrails.base import Finding, Span
from guardrails.codes import FLAG_SEVERITY
from guardrails.context import GuardrailContext
from guardrails.language import detect_language
from guardrails.pii import Ownership, RedactionDecision, RequestMasker, SharedPiiEngine
from guardrails.pii.entities import ENTITY_NOUNS
from service.models.redact import RedactEntity, RedactRequest, RedactResult
from service.pipeline.redaction import Restored

Fingerprint = Callable[[str], str]
OUTBOUND_CODES = frozenset({"foreign_pii", "sensitive_pii"})
NO_DESTINATION = "none"  # nothing left the process
DEFAULT_HOST = "provider default"  # no api_base: litellm's default URL for the provider


def destination(model: str | None, api_base: str | None) -> str:
    """Where masked text was sent: ``model @ host`` (host only: never a key, path or port).

    ``none`` when there is no remote model (the offline drafter, checks).
    """
    if not model:
        return NO_DESTINATION
    host = urlsplit(api_base).hostname if api_base else None
    return f"{model} @ {host or DEFAULT_HOST}"


class MaskingRedaction:
    """``RequestRedaction`` backed by Presidio: numbered placeholders, mapping kept in memory."""

    def __init__(self, masker: RequestMasker) -> None:
        self._masker = masker

    def mask(
        self,
        text: str,
        language: str,
        *,
        source: str | None,
        keep: frozenset[str] = frozenset(),
    ) -> str:
        """Return ``text`` with personal data replaced by numbered placeholders.

        Decisions are recorded under ``source``; a copy (``source`` None) is masked alike but
        not recorded again, so each detected value is one record. Types in ``keep`` are kept.
        """
        return self._masker.mask(
            text, language, keep=keep, source=source, record=source is not None
        )

    def restore(self, text: str) -> Restored:
        """Put back this customer's own, non-sensitive values (e.g. the greeting name).

        Withheld and unknown placeholders stay in the text, where ``placeholder_left`` blocks;
        the ones the masker recognises as altered copies of its own (``<person_1>``,
        ``< PERSON 1 >``) are reported here too, so a narrower guardrail pattern misses none.
        """
        result = self._masker.restore(text)
        return Restored(
            text=result.text, findings=altered_placeholders(result.text, result.unknown)
        )

    def preview(self, text: str) -> str:
        """The text ``restore`` would give, without recording decisions (a streaming preview)."""
        return self._masker.restore(text, record=False).text

    def inbound_counts(self) -> dict[str, int]:
        """Masked entities by type."""
        return dict(self._masker.inbound_counts)

    def decisions(self) -> list[RedactionDecision]:
        """Every mask and restore decision of this request (no values)."""
        return list(self._masker.decisions)


def altered_placeholders(text: str, unknown: Sequence[str]) -> list[Finding]:
    """``placeholder_left`` findings for placeholder-like tokens the masker never issued.

    Only tokens naming a PII type count (``[PERSON 1]``), not numbered prose (``(step 1)``).
    """
    findings = []
    for token in dict.fromkeys(unknown):
        label = re.sub(r"[^A-Za-z_]", "", token).strip("_").upper()
        label = re.sub(r"_?\d*$", "", label)
        if label not in ENTITY_NOUNS:
            continue
        for match in re.finditer(re.escape(token), text):
            findings.append(
                Finding(
                    code="placeholder_left",
                    severity=FLAG_SEVERITY["placeholder_left"],
                    message=f"Masked-data placeholder altered by the model: {token}",
                    span=Span(start=match.start(), end=match.end()),
                    evidence=token,
                )
            )
    return findings


class PiiRedactionFactory:
    """Builds one ``MaskingRedaction`` per request from the process-wide engine."""

    def __init__(self, engine: SharedPiiEngine, fingerprint: Fingerprint | None = None) -> None:
        self.engine = engine
        self.fingerprint = fingerprint

    def for_request(self, ctx: GuardrailContext) -> MaskingRedaction:
        """A masker that knows this request's customer, agent and allow-list."""
        masker = RequestMasker(
            self.engine.get(), Ownership.from_context(ctx), fingerprint=self.fingerprint
        )
        return MaskingRedaction(masker)


def outbound_decisions(
    body: str, findings: Sequence[Finding], fingerprint: Fingerprint | None
) -> list[RedactionDecision]:
    """One ``block`` decision per outbound PII finding in the final draft."""
    decisions = []
    for finding in findings:
        if finding.code not in OUTBOUND_CODES or finding.span is None:
            continue
        value = body[finding.span.start : finding.span.end]
        decisions.append(
            RedactionDecision(
                entity_type=finding.evidence or "UNKNOWN",
                recognizer=f"guardrail:{finding.code}",
                score=1.0,
                start=finding.span.start,
                end=finding.span.end,
                action="block",
                value_fingerprint=fingerprint(value) if fingerprint else None,
                source="draft",
            )
        )
    return decisions


def allowed_decisions(
    engine: SharedPiiEngine,
    body: str,
    ctx: GuardrailContext,
    blocked: Sequence[RedactionDecision],
    fingerprint: Fingerprint | None,
) -> list[RedactionDecision]:
    """One ``allow`` decision per value the outbound scan found in the draft and let through.

    The values are what the outbound guardrails' detector finds in ``body``; the ones they
    flagged (``blocked``) are recorded as blocks instead.
    """
    ownership = Ownership.from_context(ctx)
    entities = engine.get().analyze(body, ctx.draft_language, known_names=ownership.names)
    spans = [(d.start, d.end) for d in blocked]
    return [
        RedactionDecision(
            entity_type=ent.type,
            recognizer=ent.recognizer,
            score=ent.score,
            start=ent.start,
            end=ent.end,
            action="allow",
            value_fingerprint=fingerprint(body[ent.start : ent.end]) if fingerprint else None,
            source="draft",
        )
        for ent in entities
        if not any(s < ent.end and ent.start < e for s, e in spans)
    ]


def outbound_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Blocked entities by type (the report's ``redactions.outbound``)."""
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.code in OUTBOUND_CODES:
            key = finding.evidence or "UNKNOWN"
            counts[key] = counts.get(key, 0) + 1
    return counts


def redact_text(engine: SharedPiiEngine, request: RedactRequest) -> RedactResult:
    """Detect personal data in one text and mask it (no allow-list: every value is masked)."""
    language = request.language or detect_language(request.text)
    masker = RequestMasker(engine.get())
    masked = masker.mask(request.text, language)
    entities = [
        RedactEntity(
            type=d.entity_type, start=d.start, end=d.end, score=d.score, recognizer=d.recognizer
        )
        for d in masker.decisions
    ]
    return RedactResult(language=language, entities=entities, masked=masked)
