"""Assemble the contract's ``DraftReport`` from the pipeline's results."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from guardrails.base import Finding
from guardrails.practice.subject import fuller_subject
from guardrails.runner import GuardrailOutcome
from service.backends.base import Passage
from service.models import Citation, DraftReport, Flag, QuestionReport, Redactions, Usage


def new_draft_id() -> str:
    """A fresh, unguessable draft id."""
    return f"drf_{secrets.token_hex(10)}"


def reply_subject(
    subject: str | None, bodies: Sequence[str] = (), language: str = "en"
) -> str | None:
    """``Re: <subject>`` without stacking prefixes, naming the matter and the order number.

    The one rule for every draft's subject (model or offline) is
    ``guardrails.practice.subject.fuller_subject``: a vague subject ("Question") is replaced
    by the matter the thread's opening states, and the number the thread gives is added
    ("Re: 二重請求について（ご注文番号 48213）"), so the next reader finds the order without
    opening the thread (issue 13, ``subject``).
    """
    if not subject or not subject.strip():
        return None
    return f"Re: {fuller_subject(subject, bodies, language)}"


def cited_passages(body: str, passages: Sequence[Passage]) -> list[Citation]:
    """The passages the body refers to (by id, url or title), in retrieval order."""
    lowered = body.lower()
    cited = []
    for p in passages:
        keys = [p.article_id.lower(), p.title.lower()] + ([p.url.lower()] if p.url else [])
        if any(key and key in lowered for key in keys):
            cited.append(Citation(article_id=p.article_id, title=p.title, url=p.url))
    return cited


def to_flag(finding: Finding) -> Flag:
    """A guardrail finding as a report flag."""
    return Flag(
        code=finding.code,
        severity=finding.severity,
        message=finding.message,
        span=finding.span,
        evidence=finding.evidence,
        suggestion=finding.suggestion,
    )


def assemble_report(
    *,
    draft_id: str,
    subject: str | None,
    body: str,
    language: str,
    outcome: GuardrailOutcome,
    extra_findings: Sequence[Finding],
    redactions: Redactions,
    citations: list[Citation],
    model: str,
    prompt_version: str | None,
    usage: Usage,
    timings_ms: dict[str, float],
    saved_reply_id: str | None = None,
) -> DraftReport:
    """Build the report; ``verify_before_send`` is true iff any flag is verify or block."""
    flags = [to_flag(f) for f in (*extra_findings, *outcome.findings)]
    return DraftReport(
        draft_id=draft_id,
        subject=subject,
        body=body,
        language=language,
        questions=[
            QuestionReport(
                id=q.id, text=q.text, status=q.status, answer_span=q.answer_span, kind=q.kind
            )
            for q in outcome.questions
        ],
        flags=flags,
        verify_before_send=any(f.severity in ("verify", "block") for f in flags),
        redactions=redactions,
        citations=citations,
        model=model,
        prompt_version=prompt_version,
        usage=usage,
        timings_ms=timings_ms,
        # The escalation check's evidence is its masked handoff summary (guardrails.practice).
        handoff=next((f.evidence for f in flags if f.code == "escalation"), None),
        saved_reply_id=saved_reply_id,
    )
