"""The guardrail protocol and the typed results every guardrail returns."""

from __future__ import annotations

from typing import ClassVar, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from guardrails.codes import FlagCode, Severity
from guardrails.context import GuardrailContext

__all__ = [
    "FlagCode",
    "Finding",
    "Guardrail",
    "GuardrailBase",
    "QuestionAssessment",
    "Severity",
    "Span",
]

QuestionStatus = Literal["answered", "partial", "missing", "pending"]
# What the customer's ask is: a question, a request for an action, or a problem report.
AskKind = Literal["question", "request", "problem"]


class Span(BaseModel):
    """A half-open range of code-point indices into a text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int = Field(ge=0, description="First index of the span.")
    end: int = Field(ge=0, description="One past the last index of the span.")


class Finding(BaseModel):
    """One thing a guardrail wants a human to see; becomes a report flag."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: FlagCode = Field(
        description="Flag code from the public contract, e.g. 'unverified_link'."
    )
    severity: Severity = Field(description="block, verify or info.")
    message: str = Field(description="One sentence a busy agent understands; never raw PII.")
    span: Span | None = Field(default=None, description="Where in the draft it applies.")
    evidence: str | None = Field(default=None, description="Question id, article id, etc.")
    suggestion: str | None = Field(
        default=None, description="Replacement text for the span, when the fix is mechanical."
    )


class QuestionAssessment(BaseModel):
    """A customer question and how the draft deals with it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    status: QuestionStatus
    answer_span: Span | None = None
    kind: AskKind = Field(default="question", description="question, request or problem.")


@runtime_checkable
class Guardrail(Protocol):
    """A named check over a draft. A result is a finding, never an exception.

    Each guardrail declares the one flag ``code`` it raises and that code's ``severity``;
    the registry is keyed by ``code`` and a test ties both to the public contract.
    """

    code: ClassVar[FlagCode]
    severity: ClassVar[Severity]

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return the findings for ``draft`` in ``ctx`` (empty when all is well)."""
        ...


class GuardrailBase:
    """Shared behaviour for guardrail classes: findings carry the class's code and severity.

    Subclasses set ``code`` and ``severity`` and implement ``check``; building findings through
    :meth:`finding` keeps a guardrail from ever raising a code or severity it did not declare.
    """

    code: ClassVar[FlagCode]
    severity: ClassVar[Severity]

    @property
    def name(self) -> str:
        """The registry name, which is the flag code."""
        return self.code

    def finding(
        self,
        message: str,
        span: Span | None = None,
        evidence: str | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding with this guardrail's code and severity (``suggestion`` replaces ``span``)."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            span=span,
            evidence=evidence,
            suggestion=suggestion,
        )
