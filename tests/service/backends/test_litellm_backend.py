"""The litellm backend over real HTTP, against a scripted OpenAI-compatible server on loopback.

litellm is real; only the provider is fake (tests/fakes/openai_server.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from service.backends.base import ChatMessage, DraftInputs, ModelRequest
from service.backends.litellm_backend import LiteLLMBackend
from service.errors import LLMUnavailableError
from tests.fakes.openai_server import FakeOpenAIServer, Reply

INPUTS = DraftInputs(
    language="en",
    customer_name="Maria",
    agent_name="Sam",
    agent_title="Support",
    brand="Example Co.",
    subject="Refund",
    latest_customer_text="Can I get a refund?",
    questions=("Can I get a refund?",),
    passages=(),
)
REQUEST = ModelRequest(messages=(ChatMessage("user", "Say hello"),), inputs=INPUTS)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def backend(server: FakeOpenAIServer, **kwargs: object) -> LiteLLMBackend:
    options: dict[str, object] = {
        "api_base": server.api_base,
        "api_key": "test-key",
        "timeout_s": 2.0,
        "max_attempts": 3,
        "backoff_initial_s": 0.01,
        "backoff_max_s": 0.2,
    }
    options.update(kwargs)
    return LiteLLMBackend("openai/fake-model", **options)  # type: ignore[arg-type]


async def test_completion_returns_text_usage_and_model(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria, here is your answer."))
    completion = await backend(server).complete(REQUEST)
    assert completion.text == "Hi Maria, here is your answer."
    assert completion.model == "openai/fake-model"
    assert (completion.prompt_tokens, completion.completion_tokens) == (42, 7)
    assert completion.attempts == 1
    assert server.requests[0]["messages"] == [{"role": "user", "content": "Say hello"}]


async def test_rate_limit_is_retried_and_retry_after_honoured(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(status=429, headers={"retry-after": "0.3"}), Reply(text="second try"))
    started = time.monotonic()
    completion = await backend(server, backoff_max_s=5.0).complete(REQUEST)
    assert completion.text == "second try"
    assert completion.attempts == 2
    assert len(server.requests) == 2
    assert time.monotonic() - started >= 0.3  # waited as the server asked, not the 10 ms backoff


async def test_server_error_is_retried(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(status=503), Reply(status=500), Reply(text="third time"))
    completion = await backend(server).complete(REQUEST)
    assert completion.text == "third time"
    assert completion.attempts == 3


async def test_client_error_is_never_retried(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(status=400), Reply(text="must not be reached"))
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server).complete(REQUEST)
    assert len(server.requests) == 1
    assert "BadRequestError" in caught.value.details[0]


async def test_hang_times_out_per_attempt(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(delay_s=10), Reply(delay_s=10))
    started = time.monotonic()
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server, timeout_s=0.5, max_attempts=2).complete(REQUEST)
    assert time.monotonic() - started < 5
    assert len(server.requests) == 2
    assert "Timeout" in caught.value.details[0] or "APIConnectionError" in caught.value.details[0]


async def test_fallback_model_answers_when_main_fails(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(status=401), Reply(text="from the fallback"))
    completion = await backend(server, fallback_models=["openai/other"]).complete(REQUEST)
    assert completion.text == "from the fallback"
    assert completion.model == "openai/other"
    assert completion.fallback_reason and "openai/fake-model" in completion.fallback_reason
    assert [r["model"] for r in server.requests] == ["fake-model", "other"]


async def test_error_details_carry_no_prompt_text(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(status=400, body={"error": {"message": "echo: Say hello"}}))
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server).complete(REQUEST)
    assert "Say hello" not in " ".join(caught.value.details)
