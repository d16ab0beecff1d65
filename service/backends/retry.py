"""The retry policy for model calls: which failures are retried and how long to wait."""

from __future__ import annotations

import random
from typing import Any

from tenacity import RetryCallState
from tenacity.wait import wait_random_exponential

from service.backends.failures import classify, status_of
from service.retry_after import retry_after_seconds as parse_retry_after

__all__ = ["BackoffWait", "is_retryable", "retry_after_seconds", "status_of"]


def is_retryable(exc: BaseException) -> bool:
    """Whether another attempt may help (``failures.classify`` is the one rule).

    Rate limits, timeouts, refused connections and 5xx are retried; a missing or rejected
    key, a wrong URL (404), a too-small context and other 4xx never are.
    """
    return classify(exc).retryable


def _headers_of(exc: BaseException) -> Any:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    return (
        headers or getattr(exc, "litellm_response_headers", None) or getattr(exc, "headers", None)
    )


def retry_after_seconds(exc: BaseException) -> float | None:
    """Seconds the provider asked us to wait (``service.retry_after``), or ``None``."""
    headers = _headers_of(exc)
    if not headers:
        return None
    try:
        value = headers.get("retry-after") or headers.get("Retry-After")
    except AttributeError:
        return None
    # Any value RFC 9110 does not define is no hint (normal backoff), never an exception.
    return parse_retry_after(value)


class BackoffWait:
    """Exponential backoff with full jitter, or the provider's Retry-After when it gives one."""

    def __init__(self, initial_s: float, max_s: float) -> None:
        self._jitter = wait_random_exponential(multiplier=initial_s, max=max_s)
        self._max_s = max_s
        self._initial_s = initial_s

    def __call__(self, state: RetryCallState) -> float:
        """Seconds to sleep before the next attempt."""
        exc = state.outcome.exception() if state.outcome else None
        if exc is not None:
            asked = retry_after_seconds(exc)
            if asked is not None:
                return min(asked, self._max_s)
        return float(self._jitter(state))

    def seconds(self, exc: BaseException, attempt: int) -> float:
        """Seconds to sleep after failed attempt number ``attempt`` (no tenacity state)."""
        asked = retry_after_seconds(exc)
        if asked is not None:
            return min(asked, self._max_s)
        # Full jitter, as wait_random_exponential computes it for tenacity.
        return random.uniform(0, min(self._max_s, self._initial_s * 2**attempt))  # noqa: S311
