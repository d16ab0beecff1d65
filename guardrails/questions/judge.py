"""Decide, per question, whether the draft answers it (answered | partial | missing | pending).

The default judge is offline and lexical: it scores each draft sentence (and each pair of
adjacent sentences) by the share of the question's content terms it contains, and, where a
KB article answers the question, by the share of that answer's own terms it contains (so
"How long does shipping take?" is answered by "It arrives in 5-7 business days").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from guardrails.base import QuestionAssessment, QuestionStatus, Span
from guardrails.context import GuardrailContext
from guardrails.figures import find_figures
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
# A KB sentence must share this much of the question's weight to count as its answer.
KB_MATCH_SCORE = 0.5
# Matching this many of the KB answer's own terms counts as a full match.
KB_ANSWER_TERMS = 3
# What a "how long / how much / when" question expects, as a pseudo-term figures supply.
_ASKS_TIME = re.compile(
    r"\bhow\s+long\b|\bwhen\b|\bhow\s+soon\b|何日|いつ|どのくらい|どれくらい|何営業日|何時間",
    re.IGNORECASE,
)
_ASKS_PRICE = re.compile(r"\bhow\s+much\b|\bcost\b|\bprice\b|いくら|何円|料金|費用", re.IGNORECASE)
_FIGURE_TERMS = {"duration": "@time", "date": "@time", "price": "@price", "percentage": "@price"}


class QuestionJudge(Protocol):
    """Assesses how a draft deals with each customer question."""

    name: str

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        ...


@dataclass(frozen=True)
class _Window:
    start: int
    end: int
    terms: set[str]


def _sentence_terms(text: str) -> set[str]:
    return content_terms(text) | {_FIGURE_TERMS.get(f.kind, "@figure") for f in find_figures(text)}


def _windows(sentences: list[Sentence]) -> list[_Window]:
    """Each sentence and each pair of adjacent sentences, with their terms."""
    terms = [_sentence_terms(s.text) for s in sentences]
    out = [_Window(s.start, s.end, t) for s, t in zip(sentences, terms, strict=True)]
    for i in range(len(sentences) - 1):
        out.append(_Window(sentences[i].start, sentences[i + 1].end, terms[i] | terms[i + 1]))
    return out


def kb_sentence_terms(ctx: GuardrailContext) -> list[set[str]]:
    """The content terms of every KB sentence (computed once per draft)."""
    return [
        content_terms(sentence.text)
        for article in ctx.articles
        for sentence in split_sentences(article.body)
    ]


class _Weights:
    """Inverse document frequency over KB sentences: "plan" weighs less than "SSO"."""

    def __init__(self, kb: list[set[str]]) -> None:
        self.df: dict[str, int] = {}
        for terms in kb:
            for term in terms:
                self.df[term] = self.df.get(term, 0) + 1
        self.n = len(kb)

    def of(self, terms: set[str]) -> float:
        return sum(1.0 + math.log((self.n + 1) / (1 + self.df.get(t, 0))) for t in terms)


def _question_terms(text: str) -> set[str]:
    terms = content_terms(text)
    if _ASKS_TIME.search(text):
        terms.add("@time")
    if _ASKS_PRICE.search(text):
        terms.add("@price")
    return terms


def _kb_answer_terms(wanted: set[str], kb: list[set[str]], weights: _Weights) -> set[str]:
    """Terms of the KB sentences that best match the question, minus the question's own."""
    wanted = {t for t in wanted if not t.startswith("@")}  # pseudo-terms are not KB wording
    total = weights.of(wanted) or 1.0
    scored = [(weights.of(wanted & terms) / total, terms) for terms in kb]
    top = max((score for score, _ in scored), default=0.0)
    if top < KB_MATCH_SCORE:
        return set()
    # Ties (two sentences naming Canada and shipping) pool their wording.
    return {t for score, terms in scored if score >= top - 1e-9 for t in terms} - wanted


def _score(wanted: set[str], answer: set[str], window: set[str], weights: _Weights) -> float:
    direct = weights.of(wanted & window) / weights.of(wanted)
    matched = answer & window
    # The KB's answer wording supports a window only with enough of it, or with a number,
    # or alongside some of the question's own words: one shared generic word is not enough.
    has_number = any(t.startswith("#") for t in matched)
    if not matched or (len(matched) < KB_ANSWER_TERMS and not has_number and direct == 0):
        return direct
    via_kb = min(1.0, len(matched) / min(len(answer), KB_ANSWER_TERMS))
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
        if not questions:
            return []
        windows = _windows(split_sentences(draft))
        kb = kb_sentence_terms(ctx)
        weights = _Weights(kb)
        return [self._assess_one(q, draft, windows, kb, weights) for q in questions]

    def _assess_one(
        self,
        question: Question,
        draft: str,
        windows: list[_Window],
        kb: list[set[str]],
        weights: _Weights,
    ) -> QuestionAssessment:
        wanted = _question_terms(question.text)
        if not wanted:  # nothing to match on ("Why?"): do not claim it is unanswered
            return QuestionAssessment(id=question.id, text=question.text, status="partial")
        answer = _kb_answer_terms(wanted, kb, weights)
        best: tuple[int, int] | None = None
        best_score = 0.0
        for window in windows:
            score = _score(wanted, answer, window.terms, weights)
            if score > best_score:
                best, best_score = (window.start, window.end), score
        status = _status(best_score, draft[best[0] : best[1]] if best else "")
        span = Span(start=best[0], end=best[1]) if best and status != "missing" else None
        return QuestionAssessment(
            id=question.id, text=question.text, status=status, answer_span=span
        )
