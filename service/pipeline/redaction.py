"""The redact/restore stage: what the pipeline needs from a PII masker, per request."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from guardrails.base import Finding
from guardrails.context import GuardrailContext
from guardrails.pii import RedactionDecision


@dataclass(frozen=True)
class Restored:
    """A model output with this customer's own placeholders put back."""

    text: str
    findings: Sequence[Finding] = field(default_factory=tuple)


class RequestRedaction(Protocol):
    """Masks every text of one request before it leaves, and restores the model's answer."""

    def mask(
        self,
        text: str,
        language: str,
        *,
        source: str | None,
        keep: frozenset[str] = frozenset(),
    ) -> str:
        """Return ``text`` with personal data replaced by numbered placeholders.

        ``source`` names where ``text`` was found (``thread.messages[0]``); None for a copy of
        text masked under its own source already (recorded once, not again). Entity types in
        ``keep`` are not masked.
        """
        ...

    def restore(self, text: str) -> Restored:
        """Put back the placeholders that may be restored; report the rest."""
        ...

    def preview(self, text: str) -> str:
        """``restore(text).text`` without recording anything (the draft while it streams)."""
        ...

    def inbound_counts(self) -> dict[str, int]:
        """Masked entities by type (never values)."""
        ...

    def decisions(self) -> list[RedactionDecision]:
        """Every mask/restore decision so far, for the audit log (never values)."""
        ...


class RedactionFactory(Protocol):
    """Builds a fresh ``RequestRedaction`` for each request (its mapping lives only there)."""

    def for_request(self, ctx: GuardrailContext) -> RequestRedaction:
        """A masker that knows this request's customer, agent and allow-list."""
        ...


class PassThrough:
    """No masking: used when nothing leaves the process (the offline backend)."""

    def mask(
        self,
        text: str,
        language: str,
        *,
        source: str | None,
        keep: frozenset[str] = frozenset(),
    ) -> str:
        """Return ``text`` unchanged."""
        return text

    def restore(self, text: str) -> Restored:
        """Return ``text`` unchanged."""
        return Restored(text=text)

    def preview(self, text: str) -> str:
        """Return ``text`` unchanged."""
        return text

    def inbound_counts(self) -> dict[str, int]:
        """Nothing was masked."""
        return {}

    def decisions(self) -> list[RedactionDecision]:
        """Nothing was decided."""
        return []
