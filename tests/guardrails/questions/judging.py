"""One way for the judge tests to put asks and a draft to the lexical judge.

The customer's message is the asks themselves; each side's language is read from its text
(a kana or kanji makes it Japanese) unless a test names it.
"""

from __future__ import annotations

from collections.abc import Sequence

from guardrails.base import AskKind, QuestionAssessment
from guardrails.context import Article, GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.extract import asks_in


def language_of(text: str) -> str:
    """``ja`` when ``text`` holds a kana or a kanji, else ``en``."""
    return "ja" if any("\u3040" <= ch <= "\u9fff" for ch in text) else "en"


def assess_questions(
    questions: Sequence[Question],
    draft: str,
    *,
    language: str | None = None,
    draft_language: str | None = None,
    articles: tuple[Article, ...] = (),
) -> list[QuestionAssessment]:
    """The lexical judge's assessments of ``questions`` against ``draft``."""
    body = " ".join(q.text for q in questions)
    language = language or language_of(questions[0].text if questions else "")
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=body),),
        customer_language=language,
        draft_language=draft_language or language,
        articles=articles,
    )
    return list(LexicalJudge().assess(list(questions), draft, ctx))


def assess(
    asks: Sequence[str],
    draft: str,
    kind: AskKind = "question",
    *,
    language: str | None = None,
    draft_language: str | None = None,
    articles: tuple[Article, ...] = (),
) -> list[QuestionAssessment]:
    """The assessments of ``asks`` (ids q1, q2, ...; all of ``kind``) against ``draft``."""
    questions = [Question(f"q{i}", ask, kind) for i, ask in enumerate(asks, 1)]
    return assess_questions(
        questions, draft, language=language, draft_language=draft_language, articles=articles
    )


def judge_statuses(asks: Sequence[str], draft: str, *, language: str | None = None) -> list[str]:
    """The judge's status of each of ``asks`` against ``draft``."""
    return [a.status for a in assess(asks, draft, language=language)]


def judge_status(
    ask: str,
    draft: str,
    kind: AskKind = "question",
    *,
    language: str | None = None,
    draft_language: str | None = None,
    articles: tuple[Article, ...] = (),
) -> str:
    """The judge's status of the one ``ask`` against ``draft``."""
    (assessment,) = assess(
        [ask], draft, kind, language=language, draft_language=draft_language, articles=articles
    )
    return assessment.status


def judge_answer(ask: str, draft: str, kind: AskKind = "question") -> tuple[str, str]:
    """The judge's status of the one English ``ask`` and the draft text it took as the answer."""
    (assessment,) = assess([ask], draft, kind, language="en")
    span = assessment.answer_span
    return assessment.status, draft[span.start : span.end] if span else ""


def judge_extracted_status(message: str, draft: str) -> str:
    """The judge's status of the one ask extraction finds in ``message``, against ``draft``."""
    questions = [Question(f"q{i}", text, kind) for i, (text, kind) in enumerate(asks_in(message))]
    assessed = assess_questions(
        questions, draft, language=language_of(message), draft_language=language_of(draft)
    )
    assert len(assessed) == 1
    return assessed[0].status
