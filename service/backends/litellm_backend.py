"""The ``litellm`` backend: any provider litellm speaks to, with retries and fallback models."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from service.backends.base import ChatMessage, Completion, ModelRequest
from service.backends.failures import ModelFailure, classify
from service.backends.litellm_env import load_litellm
from service.backends.retry import BackoffWait, is_retryable
from service.errors import LLMUnavailableError

logger = logging.getLogger(__name__)


class ModelCallError(LLMUnavailableError):
    """Every model failed; ``failures`` holds each model's last failure, classified."""

    def __init__(self, reasons: list[str], failures: list[ModelFailure]) -> None:
        super().__init__("no configured model answered", details=reasons)
        self.failures = failures


class LiteLLMBackend:
    """Calls ``litellm.acompletion``; tenacity is the only retry layer (litellm's is off)."""

    name = "litellm"
    local = False

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        fallback_models: Sequence[str] = (),
        timeout_s: float = 30.0,
        max_attempts: int = 3,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 20.0,
        temperature: float = 0.2,
        max_tokens: int = 1024,
    ) -> None:
        self.model = model
        self.api_base = api_base
        self._api_key = api_key
        self.fallback_models = tuple(fallback_models)
        self.timeout_s = timeout_s
        self.max_attempts = max_attempts
        self._wait = BackoffWait(backoff_initial_s, backoff_max_s)
        self.temperature = temperature
        self.max_tokens = max_tokens

    async def complete(self, request: ModelRequest) -> Completion:
        """Try the requested model, then each fallback; raise LLMUnavailableError if all fail."""
        return await self.chat(request.messages, model=request.model)

    async def chat(
        self,
        messages: Sequence[ChatMessage],
        *,
        model: str | None = None,
        response_format: Mapping[str, Any] | None = None,
    ) -> Completion:
        """Send ``messages`` with retries and fallbacks; ``response_format`` asks for JSON.

        Every failed attempt is logged as one line naming the model, the attempt and the
        cause; the error raised when all models fail carries those causes.
        """
        models = [model or self.model, *self.fallback_models]
        reasons: list[str] = []
        failures: list[ModelFailure] = []
        for position, name in enumerate(dict.fromkeys(models)):
            try:
                completion = await self._complete_with_retries(name, messages, response_format)
            except Exception as exc:  # noqa: BLE001 - every provider error means "next model"
                failure = classify(exc, self.timeout_s)
                reasons.append(f"{name}: {failure.cause}")
                failures.append(failure)
                continue
            if position:
                return replace(completion, fallback_reason="; ".join(reasons))
            return completion
        raise ModelCallError(reasons, failures)

    async def _complete_with_retries(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        response_format: Mapping[str, Any] | None,
    ) -> Completion:
        attempts = 0
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self._wait,
            retry=retry_if_exception(is_retryable),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                attempts += 1
                try:
                    response = await self._call(model, messages, response_format)
                except Exception as exc:
                    self._log(model, attempts, exc)
                    raise
        return self._to_completion(model, response, attempts)

    def _log(self, model: str, attempt: int, exc: BaseException) -> None:
        failure = classify(exc, self.timeout_s)
        logger.warning(
            "model %s attempt %d/%d failed: %s",
            model,
            attempt,
            self.max_attempts,
            failure.cause,
            extra={
                "model": model,
                "attempt": attempt,
                "cause": failure.cause,
                "status": failure.status,
                "retryable": failure.retryable,
            },
        )

    async def _call(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        response_format: Mapping[str, Any] | None,
    ) -> Any:
        litellm = load_litellm()
        extra: dict[str, Any] = (
            {"response_format": dict(response_format)} if response_format else {}
        )
        # The outer wait_for bounds an attempt even if the client ignores its own timeout.
        return await asyncio.wait_for(
            litellm.acompletion(
                model=model,
                messages=[{"role": m.role, "content": m.content} for m in messages],
                **extra,
                api_base=self.api_base,
                api_key=self._api_key,
                timeout=self.timeout_s,
                temperature=self.temperature,
                max_tokens=self.max_tokens,
                num_retries=0,
                max_retries=0,
            ),
            timeout=self.timeout_s + 1.0,
        )

    @staticmethod
    def _to_completion(model: str, response: Any, attempts: int) -> Completion:
        choice = response.choices[0]
        text = choice.message.content or ""
        usage = getattr(response, "usage", None)
        return Completion(
            text=text.strip(),
            model=model,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            cost_usd=_cost(response),
            attempts=attempts,
            finish_reason=getattr(choice, "finish_reason", None),
        )


def _cost(response: Any) -> float | None:
    try:
        cost = load_litellm().completion_cost(completion_response=response)
    except Exception:  # noqa: BLE001 - unknown price is not an error: the cost is null
        return None
    return float(cost) if cost else None
