"""The model-call retry policy reads a provider's Retry-After through ``service.retry_after``."""

from __future__ import annotations

import httpx
import pytest

from service.backends.retry import BackoffWait, retry_after_seconds


def _error(retry_after: str) -> Exception:
    exc = Exception("rate limited")
    exc.response = httpx.Response(429, headers={"retry-after": retry_after})  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    "value",
    ["Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 -0000", "soon", "2, 2", "0x10"],
)
def test_a_retry_after_a_server_got_odd_never_raises(value: str) -> None:
    # Each raised (TypeError or ValueError) out of the retry loop; dates in the past are 0 s.
    asked = retry_after_seconds(_error(value))
    assert asked is None or asked == 0.0
    wait = BackoffWait(initial_s=0.5, max_s=4.0).seconds(_error(value), attempt=1)
    assert 0.0 <= wait <= 4.0


def test_an_unreadable_value_falls_back_to_the_normal_backoff() -> None:
    assert retry_after_seconds(_error("soon")) is None
    assert retry_after_seconds(_error("3")) == 3.0
    assert BackoffWait(initial_s=0.5, max_s=2.0).seconds(_error("30"), attempt=1) == 2.0
