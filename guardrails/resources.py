"""Heavy, shared engines that guardrails need, built once per process and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from guardrails.pii.shared import SharedPiiEngine


@dataclass
class GuardrailResources:
    """Engines guardrail factories may use (filled as guardrails need them, e.g. the PII engine).

    Built once per process by the service and shared by every request.
    """

    pii: SharedPiiEngine = field(default_factory=SharedPiiEngine)  # built on first use
