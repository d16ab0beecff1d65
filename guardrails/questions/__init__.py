"""Customer questions: extraction from the thread and coverage by the draft."""

from guardrails.questions.extract import Question, extract_questions
from guardrails.questions.judge import LexicalJudge, QuestionJudge

__all__ = ["LexicalJudge", "Question", "QuestionJudge", "extract_questions"]
