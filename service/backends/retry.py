"""The retry policy for model calls: which failures are retried and how long to wait."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
from typing import Any

import httpx
from tenacity import RetryCallState
from tenacity.wait import wait_random_exponential

RETRYABLE_STATUS = frozenset({408, 409, 429})


def status_of(exc: BaseException) -> int | None:
    """HTTP status carried by a provider exception, if any."""
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def is_retryable(exc: BaseException) -> bool:
    """Rate limits, timeouts, connection errors and 5xx are retried; other 4xx never are."""
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError, httpx.TransportError)):
        return True
    name = type(exc).__name__
    if name in (
        "Timeout",
        "APIConnectionError",
        "RateLimitError",
        "ServiceUnavailableError",
        "InternalServerError",
        "BadGatewayError",
    ):
        return True
    status = status_of(exc)
    return status is not None and (status >= 500 or status in RETRYABLE_STATUS)


def _headers_of(exc: BaseException) -> Any:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    return (
        headers or getattr(exc, "litellm_response_headers", None) or getattr(exc, "headers", None)
    )


def retry_after_seconds(exc: BaseException) -> float | None:
    """Seconds the provider asked us to wait (Retry-After: seconds or an HTTP date)."""
    headers = _headers_of(exc)
    if not headers:
        return None
    try:
        value = headers.get("retry-after") or headers.get("Retry-After")
    except AttributeError:
        return None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(str(value))
        if parsed is None:
            return None
        return max(0.0, (parsed - dt.datetime.now(dt.UTC)).total_seconds())


class BackoffWait:
    """Exponential backoff with full jitter, or the provider's Retry-After when it gives one."""

    def __init__(self, initial_s: float, max_s: float) -> None:
        self._jitter = wait_random_exponential(multiplier=initial_s, max=max_s)
        self._max_s = max_s

    def __call__(self, state: RetryCallState) -> float:
        """Seconds to sleep before the next attempt."""
        exc = state.outcome.exception() if state.outcome else None
        if exc is not None:
            asked = retry_after_seconds(exc)
            if asked is not None:
                return min(asked, self._max_s)
        return float(self._jitter(state))
