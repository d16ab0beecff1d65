"""Decide, per question, whether the draft answers it (answered | partial | missing | pending)."""

from __future__ import annotations

import re
from typing import Protocol

from guardrails.base import QuestionAssessment, Span
from guardrails.context import GuardrailContext
from guardrails.questions.extract import Question

_PENDING = re.compile(
    r"(we are checking|we're checking|looking into|passed (it|this) to|our \w+ team will|"
    r"get back to you|will reply by|確認(いた|し)|確認中|お調べ|担当部署|改めてご連絡)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9]{3,}|[\u3040-\u30ff\u4e00-\u9fff]{2,}")
_STOP = frozenset(
    "the and you your for can could would what when where how does with this that have from "
    "please tell know like will are was our there which about".split()
)


class QuestionJudge(Protocol):
    """Assesses how a draft deals with each customer question."""

    name: str

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        ...


def _paragraphs(draft: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n|\n(?=\s*\d+[.)]\s)", draft):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(draft)))
    return [(s, e) for s, e in spans if draft[s:e].strip()]


def _terms(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


class LexicalJudge:
    """Baseline offline judge: term overlap between the question and each draft paragraph."""

    name = "lexical"

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        paragraphs = _paragraphs(draft)
        return [self._assess_one(q, draft, paragraphs) for q in questions]

    def _assess_one(
        self, question: Question, draft: str, paragraphs: list[tuple[int, int]]
    ) -> QuestionAssessment:
        wanted = _terms(question.text)
        best, best_score = None, 0.0
        for start, end in paragraphs:
            overlap = len(wanted & _terms(draft[start:end]))
            score = overlap / max(len(wanted), 1)
            if score > best_score:
                best, best_score = (start, end), score
        if best is None or best_score == 0.0:
            return QuestionAssessment(id=question.id, text=question.text, status="missing")
        span = Span(start=best[0], end=best[1])
        if _PENDING.search(draft[best[0] : best[1]]):
            status = "pending"
        else:
            status = "answered" if best_score >= 0.34 else "partial"
        return QuestionAssessment(id=question.id, text=question.text, status=status, answer_span=span)
