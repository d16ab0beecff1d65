"""The model call behind the ``llm`` question judge: masked, through the litellm backend."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from guardrails.pii import RedactionDecision, RequestMasker, SharedPiiEngine
from guardrails.questions.llm_judge import ChatTurn, JudgeAnswer, JudgeUnavailableError
from service.backends.base import ChatMessage
from service.backends.litellm_backend import LiteLLMBackend, ModelCallError
from service.backends.structured import StructuredCaller
from service.pipeline.pii import destination

JUDGE_SOURCE = "question judge prompt"  # the asks, KB passages and draft, in one prompt
Sent = tuple[RedactionDecision, str]  # a mask decision and where the masked text went

# The masked values the judge sent during the current request (see ``recording_judge_sends``).
_sends: ContextVar[list[Sent] | None] = ContextVar("judge_sends", default=None)


@contextmanager
def recording_judge_sends() -> Iterator[list[Sent]]:
    """Collect the judge's mask decisions made inside the block, with their destination.

    The judge is shared by every request; this gives one request's calls to its audit
    records, whether the judge's model then answered or not (the text was sent either way).
    """
    sent: list[Sent] = []
    token = _sends.set(sent)
    try:
        yield sent
    finally:
        _sends.reset(token)


class MaskedJudgeCompletion:
    """``complete(messages, schema)`` for ``LLMJudge``: masks personal data, asks for JSON.

    The judge sees questions, KB and draft; like the drafting prompt, they are masked before
    they leave, so quoted evidence may hold placeholders (the judge then reports no span). The
    schema goes in the richest form the provider accepts (``service.backends.structured``).
    """

    def __init__(
        self,
        backend: LiteLLMBackend,
        engine: SharedPiiEngine,
        fingerprint: Callable[[str], str] | None = None,
    ) -> None:
        self.backend = backend
        self.engine = engine
        self.fingerprint = fingerprint  # the audit log's keyed HMAC of each masked value
        self.caller = StructuredCaller(backend)

    @property
    def destination(self) -> str:
        """Where the judge's masked prompt goes: ``model @ host``."""
        return destination(self.backend.model, self.backend.api_base)

    def _mask(self, messages: Sequence[ChatTurn]) -> tuple[ChatMessage, ...]:
        masker = RequestMasker(self.engine.get(), fingerprint=self.fingerprint)
        masked = tuple(
            ChatMessage(m["role"], masker.mask(m["content"], None, source=JUDGE_SOURCE))
            for m in messages
        )
        sent = _sends.get()
        if sent is not None:
            sent.extend((d, self.destination) for d in masker.decisions)
        return masked

    async def __call__(
        self, messages: Sequence[ChatTurn], schema: Mapping[str, Any]
    ) -> JudgeAnswer:
        """Return the model's JSON answer for the judge's messages, with its usage."""
        masked = await asyncio.to_thread(self._mask, messages)  # CPU-bound: off the loop
        try:
            completion = await self.caller.json_answer(masked, schema, name="question_verdicts")
        except ModelCallError as exc:
            raise JudgeUnavailableError("; ".join(str(d) for d in exc.details)) from None
        return JudgeAnswer(
            text=completion.text,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
            cost_usd=completion.cost_usd,
            finish_reason=completion.finish_reason,
        )
