"""The model call behind the ``llm`` question judge: masked, through the litellm backend."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from guardrails.pii import RequestMasker, SharedPiiEngine
from guardrails.questions.llm_judge import ChatTurn, JudgeAnswer, JudgeUnavailableError
from service.backends.base import ChatMessage
from service.backends.litellm_backend import LiteLLMBackend, ModelCallError
from service.backends.structured import StructuredCaller


class MaskedJudgeCompletion:
    """``complete(messages, schema)`` for ``LLMJudge``: masks personal data, asks for JSON.

    The judge sees questions, KB and draft; like the drafting prompt, they are masked before
    they leave, so quoted evidence may hold placeholders (the judge then reports no span). The
    schema goes in the richest form the provider accepts (``service.backends.structured``).
    """

    def __init__(self, backend: LiteLLMBackend, engine: SharedPiiEngine) -> None:
        self.backend = backend
        self.engine = engine
        self.caller = StructuredCaller(backend)

    def _mask(self, messages: Sequence[ChatTurn]) -> tuple[ChatMessage, ...]:
        masker = RequestMasker(self.engine.get())
        return tuple(ChatMessage(m["role"], masker.mask(m["content"], None)) for m in messages)

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
