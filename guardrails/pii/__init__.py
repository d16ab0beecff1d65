"""PII detection (Presidio, offline), request masking/restoring and outbound PII guardrails."""

from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import SENSITIVE_TYPES, PiiEntity, RedactionDecision
from guardrails.pii.guardrails import ForeignPiiGuardrail, SensitivePiiGuardrail
from guardrails.pii.masking import RequestMasker, RestoreResult
from guardrails.pii.ownership import Ownership
from guardrails.pii.shared import SharedPiiEngine

__all__ = [
    "SENSITIVE_TYPES",
    "ForeignPiiGuardrail",
    "Ownership",
    "PiiEngine",
    "PiiEntity",
    "RedactionDecision",
    "RequestMasker",
    "RestoreResult",
    "SensitivePiiGuardrail",
    "SharedPiiEngine",
]
