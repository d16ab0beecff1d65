"""Customer questions: extraction from the thread and coverage by the draft."""

from guardrails.questions.extract import Question, extract_questions
from guardrails.questions.judge import LexicalJudge, QuestionJudge
from guardrails.questions.judges import DEFAULT_JUDGE, JUDGE_FACTORIES, build_judge
from guardrails.questions.llm_judge import JudgeCompletion, LLMJudge

__all__ = [
    "DEFAULT_JUDGE",
    "JUDGE_FACTORIES",
    "JudgeCompletion",
    "LLMJudge",
    "LexicalJudge",
    "Question",
    "QuestionJudge",
    "build_judge",
    "extract_questions",
]
