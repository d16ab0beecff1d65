"""Which saved reply a draft starts from, and which asks it leaves open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guardrails.context import GuardrailContext
from guardrails.questions import Question, extract_questions
from service.models import DraftRequest, SavedReply, Voice
from service.pipeline.context import (
    ResolvedRequest,
    build_context,
    customer_language,
    normalise_messages,
)
from service.pipeline.retrieval import Retriever
from service.pipeline.saved_reply import choose_saved_reply, uncovered_asks
from service.settings import Settings

KB = [
    {
        "id": "refunds",
        "title": "Refunds for duplicate charges",
        "body": "If both charges have posted, we refund the duplicate charge to the original card. "
        "The refund appears on your statement within 5-10 business days.",
    },
    {
        "id": "delivery",
        "title": "Delivery times",
        "body": "We ship to Canada. Standard delivery takes 5-8 business days to Canada.",
    },
]
REFUND = SavedReply(
    id="t:refund",
    title="Duplicate charge",
    body="Hi {{ticket.requester.first_name}},\n\nIf you were charged twice, we refund the "
    "duplicate charge to the original card. The refund appears on your statement within "
    "5-10 business days.\n\nBest,\n{{current_user.first_name}}",
)
SHIPPING = SavedReply(
    id="t:shipping",
    title="Shipping to Canada",
    body="Hi [NAME],\n\nWe ship to Canada. Standard delivery takes 5-8 business days to Canada.",
)
PASSWORD = SavedReply(
    id="t:password", title="Password reset", body="Click Forgot password on the sign-in page."
)


def _prepared(text: str, tmp_path: Path) -> tuple[GuardrailContext, tuple[Question, ...]]:
    data: dict[str, Any] = {
        "thread": {"messages": [{"role": "customer", "body": text}]},
        "customer": {"name": "Maria Lopez"},
        "knowledge_base": KB,
    }
    request = DraftRequest.model_validate(data)
    resolved = ResolvedRequest(request, Voice(), tuple(request.knowledge_base or []))
    messages = normalise_messages(request)
    language = customer_language(messages, None)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db'}", data_dir=tmp_path)
    ctx = build_context(resolved, messages, language, language, settings)
    return ctx, tuple(extract_questions(ctx))


ASKS = "I was charged twice. Can you refund the duplicate charge? How long does delivery take?"


def test_an_answer_only_through_kb_wording_leaves_the_ask_open(tmp_path: Path) -> None:
    ctx, questions = _prepared(ASKS, tmp_path)
    assert [q.text for q in questions][1] == "How long does delivery take?"
    # "5-10 business days" (about the refund) is not an answer to the delivery question.
    assert uncovered_asks(REFUND.body, questions, ctx) == (1,)
    assert uncovered_asks(SHIPPING.body, questions, ctx) == (0,)


def test_the_named_reply_is_used_even_if_it_answers_nothing(tmp_path: Path) -> None:
    ctx, questions = _prepared(ASKS, tmp_path)
    chosen = choose_saved_reply(PASSWORD, (), questions, ctx, Retriever())
    assert chosen is not None and chosen.reply == PASSWORD
    assert chosen.uncovered == (0, 1)


def test_the_candidate_answering_an_ask_is_picked(tmp_path: Path) -> None:
    ctx, questions = _prepared("Can you refund the duplicate charge?", tmp_path)
    chosen = choose_saved_reply(None, (PASSWORD, SHIPPING, REFUND), questions, ctx, Retriever())
    assert chosen is not None and chosen.reply.id == "t:refund" and chosen.uncovered == ()


def test_no_candidate_fits_so_none_is_picked(tmp_path: Path) -> None:
    ctx, questions = _prepared("Can you refund the duplicate charge?", tmp_path)
    assert choose_saved_reply(None, (PASSWORD, SHIPPING), questions, ctx, Retriever()) is None
    assert choose_saved_reply(None, (), questions, ctx, Retriever()) is None


def test_without_asks_nothing_is_picked(tmp_path: Path) -> None:
    ctx, questions = _prepared("Thanks so much, all good now!", tmp_path)
    assert questions == ()
    assert choose_saved_reply(None, (REFUND,), questions, ctx, Retriever()) is None


def test_the_start_carries_the_text_the_backend_may_see() -> None:
    from service.pipeline.saved_reply import ChosenReply

    chosen = ChosenReply(REFUND, (1,))
    assert chosen.start().body == REFUND.body
    masked = chosen.start("Hi <PERSON_1>")
    assert (masked.reply_id, masked.body, masked.uncovered) == ("t:refund", "Hi <PERSON_1>", (1,))
