"""Runs question coverage and the registered guardrails over one draft."""

from __future__ import annotations

from dataclasses import dataclass

from guardrails.base import Finding, Guardrail, QuestionAssessment
from guardrails.context import GuardrailContext
from guardrails.questions import QuestionJudge, extract_questions


@dataclass(frozen=True)
class GuardrailOutcome:
    """Per-question statuses and all findings for one draft."""

    questions: list[QuestionAssessment]
    findings: list[Finding]


class GuardrailRunner:
    """Question coverage plus every configured guardrail, in registration order.

    Question coverage is not a plain ``Guardrail`` because it yields per-question statuses
    for the report as well as ``unanswered_question`` findings.
    """

    def __init__(self, guardrails: tuple[Guardrail, ...], judge: QuestionJudge) -> None:
        self.guardrails = guardrails
        self.judge = judge

    def run(self, draft: str, ctx: GuardrailContext) -> GuardrailOutcome:
        """Assess ``draft`` against the context; never raises for a bad draft."""
        questions = self.judge.assess(extract_questions(ctx), draft, ctx)
        findings = [
            Finding(
                code="unanswered_question",
                severity="verify",
                message=f"No answer to: {q.text}",
                evidence=q.id,
            )
            for q in questions
            if q.status == "missing"
        ]
        for guardrail in self.guardrails:
            findings.extend(guardrail.check(draft, ctx))
        return GuardrailOutcome(questions=questions, findings=findings)
