"""Decide, per question, whether the draft answers it (answered | partial | missing | pending).

The default judge is offline and lexical: it scores each draft sentence (and each pair of
adjacent sentences) by the share of the question's content terms it contains, and, where a
KB article answers the question, by the share of that answer's own terms it contains (so
"How long does shipping take?" is answered by "It arrives in 5-7 business days").
"""

from __future__ import annotations

import re
from typing import Protocol

from guardrails.base import QuestionAssessment, QuestionStatus, Span
from guardrails.context import GuardrailContext
from guardrails.questions.extract import Question
from guardrails.sentences import Sentence, split_sentences
from guardrails.terms import content_terms

PENDING = re.compile(
    r"(?:we(?:'re| are) (?:checking|looking into|investigating|confirming)|"
    r"(?:i|we)(?:'ve| have) (?:passed|forwarded|escalated|raised|sent)|"
    r"(?:our|the) [\w ]{0,20}team (?:will|is|are)|(?:will|to) get back to you|"
    r"(?:will|we'll|i'll) (?:reply|update you|follow up|let you know|confirm)|"
    r"looking into|checking (?:this|with|on)|still investigating|under investigation|"
    r"確認(?:いた|し|させて|の上|中)|お調べ|調査(?:中|いた|し)|担当(?:部署|部門|者|チーム)|"
    r"改めて(?:ご連絡|ご案内|ご回答)|追って(?:ご連絡|ご案内)|折り返し)",
    re.IGNORECASE,
)
ANSWERED_SCORE = 0.5
PARTIAL_SCORE = 0.25
# A KB sentence must share this much of the question to count as that question's answer.
KB_MATCH_SCORE = 0.5
# Matching this many of the KB answer's own terms counts as a full match.
KB_ANSWER_TERMS = 3


class QuestionJudge(Protocol):
    """Assesses how a draft deals with each customer question."""

    name: str

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        ...


def _windows(sentences: list[Sentence]) -> list[tuple[int, int, set[str]]]:
    """Each sentence and each pair of adjacent sentences, with their terms."""
    terms = [content_terms(s.text) for s in sentences]
    out = [(s.start, s.end, t) for s, t in zip(sentences, terms, strict=True)]
    for i in range(len(sentences) - 1):
        out.append((sentences[i].start, sentences[i + 1].end, terms[i] | terms[i + 1]))
    return out


def kb_sentence_terms(ctx: GuardrailContext) -> list[set[str]]:
    """The content terms of every KB sentence (computed once per draft)."""
    return [
        content_terms(sentence.text)
        for article in ctx.articles
        for sentence in split_sentences(article.body)
    ]


def _kb_answer_terms(wanted: set[str], kb: list[set[str]]) -> set[str]:
    """Terms of the KB sentence that best matches the question, minus the question's own."""
    best: set[str] = set()
    best_score = 0.0
    for terms in kb:
        score = len(wanted & terms) / len(wanted)
        if score >= KB_MATCH_SCORE and score > best_score:
            best, best_score = terms - wanted, score
    return best


def _score(wanted: set[str], answer: set[str], window: set[str]) -> float:
    direct = len(wanted & window) / len(wanted)
    if not answer:
        return direct
    via_kb = min(1.0, len(answer & window) / min(len(answer), KB_ANSWER_TERMS))
    return max(direct, via_kb)


def _status(score: float, text: str) -> QuestionStatus:
    if score >= PARTIAL_SCORE and PENDING.search(text):
        return "pending"
    if score >= ANSWERED_SCORE:
        return "answered"
    return "partial" if score >= PARTIAL_SCORE else "missing"


class LexicalJudge:
    """Offline judge: question and KB-answer term overlap with draft sentences."""

    name = "lexical"

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        windows = _windows(split_sentences(draft))
        kb = kb_sentence_terms(ctx) if questions else []
        return [self._assess_one(q, draft, windows, kb) for q in questions]

    def _assess_one(
        self,
        question: Question,
        draft: str,
        windows: list[tuple[int, int, set[str]]],
        kb: list[set[str]],
    ) -> QuestionAssessment:
        wanted = content_terms(question.text)
        if not wanted:  # nothing to match on ("Why?"): do not claim it is unanswered
            return QuestionAssessment(id=question.id, text=question.text, status="partial")
        answer = _kb_answer_terms(wanted, kb)
        best: tuple[int, int] | None = None
        best_score = 0.0
        for start, end, terms in windows:
            score = _score(wanted, answer, terms)
            if score > best_score:
                best, best_score = (start, end), score
        status = _status(best_score, draft[best[0] : best[1]] if best else "")
        span = Span(start=best[0], end=best[1]) if best and status != "missing" else None
        return QuestionAssessment(
            id=question.id, text=question.text, status=status, answer_span=span
        )
