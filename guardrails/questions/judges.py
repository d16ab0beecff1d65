"""The question judges by name ("lexical" | "llm"), selectable by setting."""

from __future__ import annotations

from collections.abc import Callable

from guardrails.questions.judge import LexicalJudge, QuestionJudge
from guardrails.questions.llm_judge import JudgeCompletion, LLMJudge

DEFAULT_JUDGE = "lexical"


class UnknownJudgeError(ValueError):
    """Raised for a judge name that is not registered, or one missing what it needs."""


def _lexical(complete: JudgeCompletion | None) -> QuestionJudge:
    return LexicalJudge()


def _llm(complete: JudgeCompletion | None) -> QuestionJudge:
    if complete is None:
        raise UnknownJudgeError("the 'llm' judge needs a completion callable")
    return LLMJudge(complete)


JUDGE_FACTORIES: dict[str, Callable[[JudgeCompletion | None], QuestionJudge]] = {
    "lexical": _lexical,
    "llm": _llm,
}


def build_judge(
    name: str = DEFAULT_JUDGE, *, complete: JudgeCompletion | None = None
) -> QuestionJudge:
    """Return the named judge; ``complete`` is the model call the ``llm`` judge uses."""
    factory = JUDGE_FACTORIES.get(name)
    if factory is None:
        valid = ", ".join(sorted(JUDGE_FACTORIES))
        raise UnknownJudgeError(f"unknown question judge {name!r}; valid: {valid}")
    return factory(complete)
