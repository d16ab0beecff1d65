"""The model call behind the ``llm`` question judge: masked, through the litellm backend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from guardrails.pii import RequestMasker, SharedPiiEngine
from guardrails.questions.llm_judge import ChatTurn
from service.backends.base import ChatMessage
from service.backends.litellm_backend import LiteLLMBackend


class MaskedJudgeCompletion:
    """``complete(messages, schema)`` for ``LLMJudge``: masks personal data, asks for JSON.

    The judge sees questions, KB and draft; like the drafting prompt, they are masked before
    they leave, so quoted evidence may hold placeholders (the judge then reports no span).
    """

    def __init__(self, backend: LiteLLMBackend, engine: SharedPiiEngine) -> None:
        self.backend = backend
        self.engine = engine

    async def __call__(self, messages: Sequence[ChatTurn], schema: Mapping[str, Any]) -> str:
        """Return the model's JSON answer for the judge's messages."""
        masker = RequestMasker(self.engine.get())
        masked = tuple(ChatMessage(m["role"], masker.mask(m["content"], None)) for m in messages)
        completion = await self.backend.chat(masked, response_format={"type": "json_object"})
        return completion.text
