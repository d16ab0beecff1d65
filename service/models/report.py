"""``DraftReport``: the draft and everything a human should know before sending it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from guardrails.base import AskKind, QuestionStatus, Severity, Span

SCHEMA_VERSION: Literal[1] = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuestionReport(_Out):
    """A customer question and whether the body answers it."""

    id: str
    text: str
    status: QuestionStatus
    answer_span: Span | None = None
    # Planned in the contract as an optional field: clients that do not know it ignore it.
    kind: AskKind | None = Field(default=None, description="question, request or problem.")


class Flag(_Out):
    """Something to check before sending, with where it applies."""

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    evidence: str | None = None
    suggestion: str | None = None  # replacement text for ``span`` when the fix is mechanical


class Redactions(_Out):
    """Counts of masked (inbound) and blocked (outbound) entities by type; never values."""

    inbound: dict[str, int] = Field(default_factory=dict)
    outbound: dict[str, int] = Field(default_factory=dict)


class Citation(_Out):
    """A knowledge-base article the draft was grounded on."""

    article_id: str
    title: str
    url: str | None = None


class Usage(_Out):
    """Model tokens and cost (null cost when the provider's price is unknown)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None


class DraftReport(_Out):
    """The contract's report (schema_version 1)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    draft_id: str
    subject: str | None = None
    body: str
    language: str
    questions: list[QuestionReport] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    verify_before_send: bool = False
    redactions: Redactions = Field(default_factory=Redactions)
    citations: list[Citation] = Field(default_factory=list)
    model: str
    prompt_version: str | None = None
    usage: Usage = Field(default_factory=Usage)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    handoff: str | None = None  # on ``escalation``: a short masked summary for the next team
    # The stored saved reply the draft started from (named by the request or picked by the
    # drafter); null when none was used.
    saved_reply_id: str | None = None
