"""The litellm backend over real HTTP, against a scripted OpenAI-compatible server on loopback.

litellm is real; only the provider is fake (tests/fakes/openai_server.py).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from service.backends.base import ChatMessage, DraftInputs, ModelRequest
from service.backends.failures import classify
from service.backends.litellm_backend import LiteLLMBackend
from service.backends.litellm_env import load_litellm
from service.backends.presets import LOCAL_PLACEHOLDER_KEY, resolve_endpoint
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
    return LiteLLMBackend("openai/fake-model", **_options(server, **kwargs))


def _options(server: FakeOpenAIServer, **kwargs: object) -> dict[str, Any]:
    options: dict[str, Any] = {
        "api_base": server.api_base,
        "api_key": "test-key",
        "timeout_s": 2.0,
        "max_attempts": 3,
        "backoff_initial_s": 0.01,
        "backoff_max_s": 0.2,
    }
    options.update(kwargs)
    return options


async def test_completion_returns_text_usage_and_model(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria, here is your answer."))
    completion = await backend(server).complete(REQUEST)
    assert completion.text == "Hi Maria, here is your answer."
    assert completion.model == "openai/fake-model"
    assert (completion.prompt_tokens, completion.completion_tokens) == (42, 6)  # streamed usage
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
    assert caught.value.details == ["openai/fake-model: " + _timeout_cause(0.5)]


def _timeout_cause(seconds: float) -> str:
    return f"timeout after {seconds:g} s (raise REPLYDRAFT_LLM_TIMEOUT_S or lower max tokens)"


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


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_keyless_local_server_gets_the_placeholder_key(server: FakeOpenAIServer) -> None:
    # Ollama, llama.cpp and vLLM need no key; litellm's OpenAI client refuses to send without one.
    api_base, api_key = resolve_endpoint(None, server.api_base, None)
    assert api_key == LOCAL_PLACEHOLDER_KEY
    server.enqueue(Reply(text="keyless works"))
    completion = await backend(server, api_base=api_base, api_key=api_key).complete(REQUEST)
    assert completion.text == "keyless works"
    assert server.request_headers[0]["authorization"] == f"Bearer {LOCAL_PLACEHOLDER_KEY}"


def test_preset_gives_the_base_url_and_an_explicit_base_wins() -> None:
    assert resolve_endpoint("llamacpp", None, None) == (
        "http://127.0.0.1:8080/v1",
        LOCAL_PLACEHOLDER_KEY,
    )
    assert resolve_endpoint("ollama", "http://gpu:11434/v1", "k") == ("http://gpu:11434/v1", "k")
    assert resolve_endpoint(None, None, None) == (None, None)  # hosted: the provider's own env


async def test_missing_key_for_a_hosted_provider_is_named_and_not_retried(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    hosted = LiteLLMBackend("openai/gpt-4o-mini", timeout_s=2.0, max_attempts=3)
    with caplog.at_level(logging.WARNING), pytest.raises(LLMUnavailableError) as caught:
        await hosted.complete(REQUEST)
    assert caught.value.details == [
        "openai/gpt-4o-mini: missing API key (set REPLYDRAFT_LLM_API_KEY)"
    ]
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("litellm_backend")]
    assert lines == [
        "model openai/gpt-4o-mini attempt 1/3 failed: missing API key (set REPLYDRAFT_LLM_API_KEY)"
    ]


async def test_refused_connection_is_named_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    dead = LiteLLMBackend(
        "openai/fake-model",
        api_base=f"http://127.0.0.1:{_closed_port()}/v1",
        api_key="k",
        max_attempts=2,
        backoff_initial_s=0.01,
        backoff_max_s=0.02,
    )
    with caplog.at_level(logging.WARNING), pytest.raises(LLMUnavailableError) as caught:
        await dead.complete(REQUEST)
    cause = "connection refused (is the server running at the base URL?)"
    assert caught.value.details == [f"openai/fake-model: {cause}"]
    lines = [r.getMessage() for r in caplog.records if r.name.endswith("litellm_backend")]
    assert lines == [
        f"model openai/fake-model attempt 1/2 failed: {cause}",
        f"model openai/fake-model attempt 2/2 failed: {cause}",
    ]


async def test_base_url_without_v1_is_a_404_that_says_so(server: FakeOpenAIServer) -> None:
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server, api_base=server.root).complete(REQUEST)
    assert server.paths == ["/chat/completions"]  # not retried: a wrong URL stays wrong
    assert "HTTP 404" in caught.value.details[0] and "/v1" in caught.value.details[0]


async def test_rejected_key_is_named_and_not_retried() -> None:
    with FakeOpenAIServer(require_key="right") as guarded:
        with pytest.raises(LLMUnavailableError) as caught:
            await backend(guarded, api_key="wrong").complete(REQUEST)
        assert len(guarded.requests) == 1
        server_ok = await backend(guarded, api_key="right").complete(REQUEST)
    assert caught.value.details == ["openai/fake-model: HTTP 401: API key rejected"]
    assert server_ok.text == "Hello from the fake model."


async def test_context_too_small_is_named_and_not_retried(server: FakeOpenAIServer) -> None:
    error = {
        "message": "This model's maximum context length is 2048 tokens. However, you requested "
        "5000 tokens",
        "type": "invalid_request_error",
        "code": "context_length_exceeded",
    }
    server.enqueue(Reply(status=400, body={"error": error}))
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server).complete(REQUEST)
    assert len(server.requests) == 1
    assert caught.value.details[0].startswith("openai/fake-model: context too small")


async def test_drafts_stream_and_time_the_first_token(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="one two three four", chunk_delay_s=0.05))
    completion = await backend(server).complete(REQUEST)
    assert server.requests[0]["stream"] is True
    assert completion.text == "one two three four" and server.completed_streams == 1
    assert completion.first_token_ms is not None and completion.first_token_ms > 0
    assert completion.finish_reason == "stop"


async def wrapped_stream(server: FakeOpenAIServer) -> tuple[str, object]:
    """Text and usage of one streamed call read through litellm's own stream wrapper."""
    response = await load_litellm().acompletion(
        model="openai/fake-model",
        messages=[{"role": m.role, "content": m.content} for m in REQUEST.messages],
        stream=True,
        stream_options={"include_usage": True},
        api_base=server.api_base,
        api_key="test-key",
    )
    pieces, usage = [], None
    async for chunk in response:
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
        usage = getattr(chunk, "usage", None) or usage
    return "".join(pieces), usage


@pytest.mark.parametrize("send_usage", [True, False])
async def test_server_stream_read_directly_matches_litellms_wrapper(
    server: FakeOpenAIServer, send_usage: bool
) -> None:
    # The backend reads the SDK's stream under litellm's wrapper (a quarter of the CPU); text
    # and token counts must be the wrapper's, also when the server sends no usage (counted).
    server.send_usage = send_usage
    server.default = Reply(text="We refund the duplicate charge within 5 days.")
    text, usage = await wrapped_stream(server)
    completion = await backend(server).complete(REQUEST)
    assert completion.text == text
    assert usage is not None and completion.prompt_tokens == usage.prompt_tokens > 0
    assert completion.completion_tokens == usage.completion_tokens > 0


async def test_error_event_mid_stream_is_a_retried_server_error(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="We refund", stream_error=True))
    completion = await backend(server).complete(REQUEST)
    assert completion.text == "Hello from the fake model." and completion.attempts == 2


async def test_error_event_mid_stream_names_http_500(server: FakeOpenAIServer) -> None:
    server.default = Reply(text="We refund", stream_error=True)
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server, max_attempts=1).complete(REQUEST)
    assert caught.value.details == ["openai/fake-model: HTTP 500 (MidStreamFallbackError)"]


async def test_a_servers_own_stream_is_read_not_litellms_wrapper(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CPU saving depends on it: if litellm changes and the backend falls back to the
    # wrapper, this fails (the wrapper's iteration is made to fail here).
    litellm = load_litellm()

    async def wrapper_read(self: object) -> object:
        raise AssertionError("litellm's stream wrapper was iterated")

    monkeypatch.setattr(litellm.CustomStreamWrapper, "__anext__", wrapper_read)
    server.default = Reply(text="We refund the duplicate charge.")
    completion = await backend(server, max_attempts=1).complete(REQUEST)
    assert completion.text == "We refund the duplicate charge."


async def test_a_servers_chunks_are_read_as_json_not_built_as_sdk_models(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Building each chunk as the SDK's ChatCompletionChunk was over half of a streamed
    # call's CPU: if the chunks are built again, this fails (building is made to fail here).
    import openai._base_client

    def built(**kwargs: object) -> object:
        raise AssertionError("the SDK built a chunk model")

    monkeypatch.setattr(openai._base_client, "construct_type", built)
    server.default = Reply(text="We refund the duplicate charge.", finish_reason="length")
    completion = await backend(server, max_attempts=1).complete(REQUEST)
    assert completion.text == "We refund the duplicate charge."
    assert completion.finish_reason == "length"
    assert completion.prompt_tokens > 0 and completion.completion_tokens > 0


@pytest.mark.parametrize(
    "broken",
    [
        # A connection dropped mid-answer, after chunks whose finish reason is "" (older
        # Ollama): a cut-off answer, not a finished one.
        Reply(text="We refund the charge within", chunk_finish_reason="", drop_after=3),
        # A provider that failed mid-answer says so with the finish reason "error".
        Reply(text="We refund the", finish_reason="error"),
        # A model stuck in a loop: one chunk repeated past litellm's limit (100).
        Reply(text="Hello" + " again" * 150),
    ],
    ids=["dropped-after-empty-finish-reasons", "finish-reason-error", "looping-model"],
)
async def test_a_broken_stream_is_a_failed_attempt_not_a_draft(
    server: FakeOpenAIServer, broken: Reply
) -> None:
    # As litellm's wrapper reads them: each is retried (then the fallback), never a draft.
    server.enqueue(broken)
    completion = await backend(server).complete(REQUEST)
    assert completion.text == "Hello from the fake model." and completion.attempts == 2


# The server's own stream (openai/...) and litellm's wrapper (hosted_vllm/..., whose last
# chunk says "stop" whatever the server sent) both read a body that just ends as finished.
@pytest.mark.parametrize("model", ["openai/fake-model", "hosted_vllm/fake-model"])
async def test_a_stream_cut_off_mid_event_is_a_failed_attempt_not_a_draft(
    server: FakeOpenAIServer, model: str
) -> None:
    # The connection dropped mid-event (no finish reason, no [DONE]): it was the draft "We
    # refund" with the finish reason "stop", clean; now retried, and a failure if it persists.
    server.enqueue(Reply(text="We refund the charge within days", cut_mid_event_after=2))
    completion = await LiteLLMBackend(model, **_options(server)).complete(REQUEST)
    assert completion.text == "Hello from the fake model." and completion.attempts == 2
    server.default = Reply(text="We refund the charge within days", cut_mid_event_after=2)
    with pytest.raises(LLMUnavailableError) as failed:
        await LiteLLMBackend(model, **_options(server, max_attempts=2)).complete(REQUEST)
    assert "stream cut off (no finish reason, no [DONE])" in str(failed.value.details)


@pytest.mark.parametrize("model", ["openai/fake-model", "hosted_vllm/fake-model"])
async def test_a_stream_that_reaches_done_without_a_finish_reason_is_finished(
    server: FakeOpenAIServer, model: str
) -> None:
    # The negative beside the cut: "" on every chunk and on the last, then [DONE] (a server
    # that never names a finish reason) is a whole answer.
    server.enqueue(Reply(text="We refund it", finish_reason="", chunk_finish_reason=""))
    completion = await LiteLLMBackend(model, **_options(server)).complete(REQUEST)
    assert completion.text == "We refund it" and completion.attempts == 1
    assert completion.finish_reason == "stop"


@pytest.mark.parametrize(
    ("sent", "reported"),
    [
        ("max_tokens", "length"),
        ("eos_token", "stop"),
        ("", "stop"),
        ("content_filter", "content_filter"),
    ],
)
async def test_finish_reasons_are_reported_in_openais_names(
    server: FakeOpenAIServer, sent: str, reported: str
) -> None:
    # "max_tokens" must read as "length", or the draft loses its truncation flag.
    server.enqueue(Reply(text="We refund the", finish_reason=sent))
    completion = await backend(server).complete(REQUEST)
    assert completion.finish_reason == reported


async def test_cut_off_stream_reports_length(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="We refund the", finish_reason="length"))
    completion = await backend(server).complete(REQUEST)
    assert completion.finish_reason == "length"


async def test_abandoned_stream_closes_the_upstream_connection(server: FakeOpenAIServer) -> None:
    # A slow CPU server: one word every 50 ms for 200 words (10 s).
    server.enqueue(Reply(text=" ".join(f"word{i}" for i in range(200)), chunk_delay_s=0.05))
    task = asyncio.ensure_future(backend(server, timeout_s=5.0).complete(REQUEST))
    await asyncio.sleep(0.5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(server.disconnected.wait, 3.0)  # the fake saw the client go
    assert server.completed_streams == 0


async def test_deadline_stops_generation_and_says_so(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text=" ".join(f"word{i}" for i in range(200)), chunk_delay_s=0.05))
    started = time.monotonic()
    with pytest.raises(LLMUnavailableError) as caught:
        await backend(server, timeout_s=5.0, deadline_s=0.5).complete(REQUEST)
    assert time.monotonic() - started < 2
    assert caught.value.details == [
        "openai/fake-model: deadline of 0.5 s passed (REPLYDRAFT_LLM_DEADLINE_S)"
    ]
    assert await asyncio.to_thread(server.disconnected.wait, 3.0)
    assert server.completed_streams == 0


def test_a_client_side_error_wrapped_as_connection_error_is_not_retried() -> None:
    # litellm 1.106.2 raises APIConnectionError for its own ImportError (e.g. tools need `mcp`).
    wrapped = RuntimeError("litellm.APIConnectionError: No module named 'mcp'")
    wrapped.__cause__ = ModuleNotFoundError("No module named 'mcp'")
    failure = classify(wrapped)
    assert not failure.retryable
    assert failure.cause == "the litellm client failed (ModuleNotFoundError), not the server"


async def test_unstreamed_drafts_ask_for_one_answer(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria, here is your answer."))
    completion = await backend(server, streamed=False).complete(REQUEST)
    assert "stream" not in server.requests[0] or server.requests[0]["stream"] is False
    assert completion.text == "Hi Maria, here is your answer."
    assert completion.first_token_ms is None and completion.finish_reason == "stop"
    assert completion.prompt_tokens == 42


async def test_streamed_cost_comes_from_the_price_list(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria, here is your answer."))
    priced = LiteLLMBackend(
        "openai/gpt-4o-mini", api_base=server.api_base, api_key="test-key", timeout_s=5.0
    )
    completion = await priced.complete(REQUEST)
    assert completion.cost_usd is not None and completion.cost_usd > 0
    unpriced = await backend(server).complete(REQUEST)
    assert unpriced.cost_usd is None  # a local server's model has no price


async def test_unstreamed_cost_is_litellms_own_price(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria, here is your answer."))
    priced = LiteLLMBackend(
        "openai/gpt-4o-mini",
        api_base=server.api_base,
        api_key="test-key",
        timeout_s=5.0,
        streamed=False,
    )
    response = await priced._call("openai/gpt-4o-mini", REQUEST.messages, None)
    completion = priced._to_completion("openai/gpt-4o-mini", response)
    expected = load_litellm().completion_cost(completion_response=response)
    assert completion.cost_usd is not None and completion.cost_usd > 0
    assert completion.cost_usd == pytest.approx(expected)
    server.enqueue(Reply(text="Hi Maria, here is your answer."))
    unpriced = await backend(server, streamed=False).complete(REQUEST)
    assert unpriced.cost_usd is None  # a local server's model has no price
