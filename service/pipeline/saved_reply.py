"""Which saved reply a draft starts from, and which of the customer's asks it leaves open.

A request may name one (``saved_reply_id``); otherwise the tenant's saved replies are ranked
against the asks with the knowledge base's own BM25 retrieval, and the best of the top few
that answers at least one ask (by the same lexical judge that raises ``unanswered_question``)
is used. A saved reply that answers none of the asks is never picked: a generic macro sent
unchanged is exactly what the articles warn against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guardrails.base import QuestionAssessment
from guardrails.context import GuardrailContext
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.synonyms import synonym_terms
from guardrails.terms import content_terms
from service.backends.base import SavedReplyStart
from service.models import KnowledgeArticle, SavedReply
from service.pipeline.retrieval import Retriever

PICK_TOP_K = 3  # candidates BM25 hands to the judge
_JUDGE = LexicalJudge()


@dataclass(frozen=True)
class ChosenReply:
    """The saved reply the draft starts from and the indices of the asks it does not answer."""

    reply: SavedReply
    uncovered: tuple[int, ...]

    def start(self, body: str | None = None) -> SavedReplyStart:
        """The drafter's view of it (``body``: the text as the backend may see it, e.g. masked)."""
        return SavedReplyStart(
            reply_id=self.reply.id,
            title=self.reply.title,
            body=self.reply.body if body is None else body,
            uncovered=self.uncovered,
        )


def uncovered_asks(
    text: str, questions: Sequence[Question], ctx: GuardrailContext
) -> tuple[int, ...]:
    """Indices of the asks that ``text`` does not answer (partial counts as not answered).

    Stricter than the judge alone: the sentence the judge takes for the answer must also
    share a word (or synonym) with the ask itself. The judge may accept an answer through the
    knowledge base's wording ("5-8 business days to Canada" makes any "business days" sentence
    look like a delivery answer); here a wrong "covered" would leave the ask silently
    unanswered, while a wrong "not covered" only adds an answer block, so doubt means open.
    """
    assessments = _JUDGE.assess(list(questions), text, ctx)
    return tuple(
        i
        for i, (question, assessment) in enumerate(zip(questions, assessments, strict=True))
        if not _answered_in_own_words(question, assessment, text)
    )


def _answered_in_own_words(question: Question, assessment: QuestionAssessment, text: str) -> bool:
    span = assessment.answer_span
    if assessment.status != "answered" or span is None:
        return False
    return bool(_terms(question.text) & _terms(text[span.start : span.end]))


def _terms(text: str) -> set[str]:
    return content_terms(text) | synonym_terms(text)


def choose_saved_reply(
    named: SavedReply | None,
    candidates: Sequence[SavedReply],
    questions: Sequence[Question],
    ctx: GuardrailContext,
    retriever: Retriever,
) -> ChosenReply | None:
    """The named saved reply, else the candidate that answers the most asks; None if none fits."""
    if named is not None:
        return ChosenReply(named, uncovered_asks(named.body, questions, ctx))
    if not candidates or not questions:
        return None
    by_id = {reply.id: reply for reply in candidates}
    documents = [KnowledgeArticle(id=r.id, title=r.title, body=r.body) for r in candidates]
    query = "\n".join(q.text for q in questions)
    ranked = retriever.retrieve(documents, query, PICK_TOP_K)
    best: ChosenReply | None = None
    for passage in ranked:
        reply = by_id[passage.article_id]
        uncovered = uncovered_asks(reply.body, questions, ctx)
        answered = len(questions) - len(uncovered)
        if answered and (best is None or len(uncovered) < len(best.uncovered)):
            best = ChosenReply(reply, uncovered)
    return best
