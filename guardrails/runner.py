"""Runs question coverage and the registered guardrails over one draft."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from guardrails.base import Finding, Guardrail, QuestionAssessment
from guardrails.codes import FLAG_SEVERITY
from guardrails.context import GuardrailContext
from guardrails.questions import Question, QuestionJudge, extract_questions
from guardrails.questions.judge import kb_answers
from guardrails.run_memo import run_memo

logger = logging.getLogger(__name__)


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

    def run(
        self, draft: str, ctx: GuardrailContext, questions: list[Question] | None = None
    ) -> GuardrailOutcome:
        """Assess ``draft`` against the context; never raises for a bad draft.

        ``questions`` saves re-extracting them when the caller already has (the pipeline does).
        """
        # The checks below split the same draft into sentences and ask the same questions of
        # its windows: each such pure step runs once per text in this run (``run_memo``).
        with run_memo():
            asked = extract_questions(ctx) if questions is None else questions
            kinds = {q.id: q.kind for q in asked}
            # The kind is the extractor's: a judge (the llm one too) only decides the status.
            assessed = [
                a.model_copy(update={"kind": kinds.get(a.id, a.kind)})
                for a in self.judge.assess(asked, draft, ctx)
            ]
            findings = question_findings(asked, assessed, ctx)
            for guardrail in self.guardrails:
                findings.extend(run_isolated(guardrail, draft, ctx))
        return GuardrailOutcome(questions=assessed, findings=findings)


def question_findings(
    asked: list[Question], assessed: list[QuestionAssessment], ctx: GuardrailContext
) -> list[Finding]:
    """The flags for the assessed asks: missing ones and deferrals the KB could answer.

    ``unanswered_question`` for each missing ask; ``deferred_question`` for each deferred
    (``pending``) ask the knowledge base answers. A deferral the KB cannot answer is honest
    and stays ``pending`` without a flag.
    """
    by_id = {q.id: q for q in asked}
    findings = []
    for q in assessed:
        if q.status == "missing":
            findings.append(
                Finding(
                    code="unanswered_question",
                    severity=FLAG_SEVERITY["unanswered_question"],
                    message=f"No answer to: {q.text}",
                    evidence=q.id,
                )
            )
        elif q.status == "pending" and kb_answers(by_id.get(q.id, Question(q.id, q.text)), ctx):
            findings.append(
                Finding(
                    code="deferred_question",
                    severity=FLAG_SEVERITY["deferred_question"],
                    message=f"Deferred, but the knowledge base answers it: {q.text}",
                    span=q.answer_span,
                    evidence=q.id,
                )
            )
    return findings


def run_isolated(guardrail: Guardrail, draft: str, ctx: GuardrailContext) -> list[Finding]:
    """Run one guardrail; if it raises, report a ``guardrail_error`` instead of failing the draft.

    The exception's type is logged (never its message: it may quote the draft), and the other
    guardrails still run, so one bug costs one check, not the whole report.
    """
    try:
        return guardrail.check(draft, ctx)
    except Exception as exc:  # noqa: BLE001 - any bug in one check must not fail the draft
        logger.error(
            "guardrail failed", extra={"guardrail": guardrail.code, "error": type(exc).__name__}
        )
        return [
            Finding(
                code="guardrail_error",
                severity=FLAG_SEVERITY["guardrail_error"],
                message=f"The {guardrail.code} check could not run on this draft; check by hand.",
                evidence=guardrail.code,
            )
        ]
