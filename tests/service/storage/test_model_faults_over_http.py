"""``POST /v1/drafts`` through the real litellm backend against every fault of the loopback
provider and the error bodies llama.cpp, Ollama and vLLM document.

Each draft answers 200 (never a 500) well before a hung provider would have let it, carries
the ``llm_fallback`` flag naming the failed model, was written by the configured fallback model
(or the offline drafter when none is configured, or when the fallback fails too), is stored, and
its redaction decisions are in an audit chain that verifies: on SQLite and on PostgreSQL.

A failing model never makes the API answer 503 (the offline drafter is always the last
fallback: README, "model"); the documented 503 is the database's (``test_database_outage``).

Vendor bodies, as documented (their text is theirs, the values here are examples):
- llama.cpp server (``format_error_response``): ``{"error": {"code", "message", "type"}}``, e.g.
  503 ``unavailable_error`` "Loading model", 500 ``server_error``, 400
  ``exceed_context_size_error`` with ``n_prompt_tokens`` and ``n_ctx``;
- vLLM: ``ErrorResponse {"error": ErrorInfo {message, type, param, code: int}}``; versions
  before it answered the flat ``{"object": "error", "message", "type", "param", "code"}``;
- Ollama ``/v1`` (OpenAI-compatible): ``{"error": {"message", "type", "param", "code"}}``;
  Ollama ``/api/chat``: ``{"error": "<text>"}``; mid-stream, one ``{"error": ...}`` line under
  the 200 already sent (docs.ollama.com/api/errors).
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import URL

from service.app import create_app
from service.backends.litellm_env import load_litellm
from service.backends.select import shared_breaker
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import free_port
from tests.service.conftest import en_request

# About 4 minutes for the whole matrix (each hang waits out the deadline).
pytestmark = pytest.mark.slow

DEADLINE_S = 2.0  # REPLYDRAFT_LLM_DEADLINE_S in these tests
TIMEOUT_S = 8.0  # REPLYDRAFT_LLM_TIMEOUT_S: one attempt's limit, longer than the deadline
HANG_S = 30.0  # a hung provider answers after this: far past both
CARD = "4111 1111 1111 1111"
EMAIL = "maria.lopez@example.org"
GOOD = "Hi Maria,\n\nWe refund the duplicate charge within 5-10 business days.\n\nSam"
SPARE_TEXT = "Hi Maria,\n\nThe spare model here: we refund the duplicate charge.\n\nSam"


@dataclass(frozen=True)
class Fault:
    """One way the configured model fails; ``reply`` None is a refused connection."""

    reply: Callable[[], Reply] | None
    streamed: bool  # REPLYDRAFT_LLM_STREAM for the draft
    ollama_native: bool = False  # the model is litellm's ollama_chat/ (Ollama's /api/chat)
    attempts: int | None = None  # requests the configured model gets, when fixed


def _http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


def _completion_with(content: Any) -> Reply:
    body = {
        "id": "chatcmpl-x",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
    }
    return Reply(body=body)


def _llamacpp(code: int, message: str, kind: str, **extra: Any) -> Reply:
    return Reply(
        status=code, body={"error": {"code": code, "message": message, "type": kind, **extra}}
    )


FAULTS: dict[str, Fault] = {
    # Rate limits: a short Retry-After is waited for (then the retry is refused again), one
    # beyond the longest wait moves on at once; both forms RFC 9110 allows.
    "429 Retry-After seconds": Fault(
        lambda: Reply(status=429, headers={"Retry-After": "1"}), streamed=False, attempts=2
    ),
    "429 Retry-After HTTP-date soon": Fault(
        lambda: Reply(status=429, headers={"Retry-After": _http_date(1)}), streamed=False
    ),
    "429 Retry-After HTTP-date far": Fault(
        lambda: Reply(status=429, headers={"Retry-After": _http_date(3600)}),
        streamed=False,
        attempts=1,
    ),
    "500": Fault(lambda: Reply(status=500), streamed=False, attempts=2),
    "503": Fault(lambda: Reply(status=503), streamed=True, attempts=2),
    "connection refused": Fault(None, streamed=True),
    "hang unstreamed": Fault(lambda: Reply(delay_s=HANG_S), streamed=False),
    "hang streamed": Fault(lambda: Reply(delay_s=HANG_S), streamed=True),
    "truncated body": Fault(lambda: Reply(cut_short=True), streamed=False, attempts=2),
    "malformed JSON": Fault(
        lambda: Reply(raw=b'{"id": "chatcmpl-x", "choices": [{"mess'), streamed=False, attempts=2
    ),
    "empty completion": Fault(lambda: Reply(text=""), streamed=False, attempts=2),
    "empty completion streamed": Fault(lambda: Reply(text=""), streamed=True, attempts=2),
    "null completion": Fault(lambda: _completion_with(None), streamed=False, attempts=2),
    "whitespace-only completion": Fault(lambda: Reply(text=" \n\t "), streamed=False, attempts=2),
    "whitespace-only streamed": Fault(lambda: Reply(text="  \n  "), streamed=True, attempts=2),
    "stream reset mid-way": Fault(lambda: Reply(text=GOOD, drop_after=3), streamed=True),
    "stream cut mid-event": Fault(
        lambda: Reply(text=GOOD, cut_mid_event_after=3), streamed=True, attempts=2
    ),
    "stream chunk not JSON": Fault(lambda: Reply(malformed_chunk=True), streamed=True, attempts=2),
    "stream error event": Fault(lambda: Reply(text=GOOD, stream_error=True), streamed=True),
    # llama.cpp server
    "llama.cpp 503 loading model": Fault(
        lambda: _llamacpp(503, "Loading model", "unavailable_error"), streamed=True, attempts=2
    ),
    "llama.cpp 500 server_error": Fault(
        lambda: _llamacpp(500, "failed to decode the batch", "server_error"),
        streamed=False,
        attempts=2,
    ),
    "llama.cpp 400 context size": Fault(
        lambda: _llamacpp(
            400,
            "the request exceeds the available context size, try increasing it",
            "exceed_context_size_error",
            n_prompt_tokens=9000,
            n_ctx=4096,
        ),
        streamed=True,
        attempts=1,  # the request itself is refused: asking again cannot help
    ),
    # vLLM
    "vLLM 500 ErrorResponse": Fault(
        lambda: Reply(
            status=500,
            body={
                "error": {
                    "message": "Internal server error",
                    "type": "InternalServerError",
                    "param": None,
                    "code": 500,
                }
            },
        ),
        streamed=True,
        attempts=2,
    ),
    "vLLM 400 flat (older versions)": Fault(
        lambda: Reply(
            status=400,
            body={
                "object": "error",
                "message": "max_tokens must be at least 1, got -2815.",
                "type": "BadRequestError",
                "param": None,
                "code": 400,
            },
        ),
        streamed=False,
        attempts=1,
    ),
    # Ollama's OpenAI-compatible /v1
    "Ollama /v1 500": Fault(
        lambda: Reply(
            status=500,
            body={
                "error": {
                    "message": "the model failed to generate a response",
                    "type": "api_error",
                    "param": None,
                    "code": None,
                }
            },
        ),
        streamed=True,
        attempts=2,
    ),
    # Ollama's own /api/chat (litellm's ollama_chat/ models)
    "Ollama /api/chat 500": Fault(
        lambda: Reply(status=500, body={"error": "the model failed to generate a response"}),
        streamed=True,
        ollama_native=True,
        attempts=2,
    ),
    "Ollama /api/chat 404 model not found": Fault(
        lambda: Reply(status=404, body={"error": "model 'llama3.2' not found"}),
        streamed=False,
        ollama_native=True,
        attempts=1,
    ),
    "Ollama /api/chat error line mid-stream": Fault(
        lambda: Reply(text=GOOD, stream_error=True), streamed=True, ollama_native=True, attempts=2
    ),
    "Ollama /api/chat empty": Fault(
        lambda: Reply(text=""), streamed=False, ollama_native=True, attempts=2
    ),
    "Ollama /api/chat hang": Fault(
        lambda: Reply(delay_s=HANG_S), streamed=True, ollama_native=True
    ),
}


@pytest.fixture(scope="module", autouse=True)
def _warm_litellm() -> None:
    """One call of each provider path before any deadline runs: litellm loads a provider's
    handler on its first call (over a second on a loaded machine), which a 2 s deadline cut
    before the fault under test was ever reached."""
    litellm = load_litellm()

    async def calls() -> None:
        with FakeOpenAIServer() as server:
            for model, base in (
                ("openai/warm", server.api_base),
                ("ollama_chat/warm", server.root),
            ):
                for stream in (False, True):
                    response = await litellm.acompletion(
                        model=model,
                        messages=[{"role": "user", "content": "hi"}],
                        stream=stream,
                        api_base=base,
                        api_key="k",
                        max_retries=0,
                    )
                    if stream:
                        async for _chunk in response:
                            pass

    asyncio.run(calls())


def _request() -> dict[str, Any]:
    request = en_request(customer={"name": "Maria Lopez", "email": EMAIL})
    request["thread"]["messages"][0]["body"] = (
        f"Hi,\nMy card {CARD} was charged twice for order #48213. Write to {EMAIL}. "
        "Can you refund the duplicate charge?\n\nThanks,\nMaria"
    )
    return request


@contextmanager
def _app(
    url: URL,
    tmp_path: Path,
    server: FakeOpenAIServer,
    fault: Fault,
    fallback: bool,
    breaker_threshold: int = 1000,  # the matrix is about each fault, not the breaker
) -> Iterator[tuple[TestClient, Runtime]]:
    """The app drafting with ``fault``'s model at ``server`` (a dead port when refused)."""
    prefix, base = (
        ("ollama_chat", server.root) if fault.ollama_native else ("openai", server.api_base)
    )
    if fault.reply is None:
        base = f"http://127.0.0.1:{free_port()}" + ("" if fault.ollama_native else "/v1")
    settings = Settings(
        database_url=url.render_as_string(hide_password=False),
        data_dir=tmp_path,
        auth_disabled=True,
        llm_model=f"{prefix}/fake-model",
        llm_fallback_models=[f"{prefix}/spare-model"] if fallback else [],
        llm_api_base=base,
        llm_api_key="test-key",
        llm_stream=fault.streamed,
        llm_timeout_s=TIMEOUT_S,
        llm_deadline_s=DEADLINE_S,
        llm_max_attempts=2,
        llm_backoff_max_s=1.5,
        llm_breaker_threshold=breaker_threshold,
        llm_breaker_cooldown_s=30.0,
    )
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime), raise_server_exceptions=False) as c:
            yield c, runtime
    finally:
        runtime.store.close()


@pytest.mark.parametrize("fallback", [False, True], ids=["no fallback", "fallback model"])
@pytest.mark.parametrize("kind", list(FAULTS))
def test_a_failing_model_falls_back_in_time_never_500_and_fully_audited(
    empty_url: URL, tmp_path: Path, kind: str, fallback: bool
) -> None:
    fault = FAULTS[kind]
    with FakeOpenAIServer() as server:
        if fault.reply is not None:
            server.default = fault.reply()
        server.per_model["spare-model"] = Reply(text=SPARE_TEXT)
        with _app(empty_url, tmp_path, server, fault, fallback) as (client, runtime):
            started = time.perf_counter()
            response = client.post("/v1/drafts", json=_request())
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, response.text
            report = response.json()
            stored = client.get(f"/v1/drafts/{report['draft_id']}")
            entries = runtime.audit.query(draft_id=report["draft_id"]).entries
            verified = runtime.audit.verify()
        sent = [r for r in server.requests if r.get("model") == "fake-model"]
        spare_sent = [r for r in server.requests if r.get("model") == "spare-model"]

    # The deadline ended it, not a hung provider (HANG_S) nor one attempt's limit (TIMEOUT_S).
    assert elapsed < TIMEOUT_S
    (flag,) = [f for f in report["flags"] if f["code"] == "llm_fallback"]
    assert "/fake-model" in flag["message"]
    assert "not the server" not in flag["message"]  # every fault here is the server's
    if fallback and fault.reply is not None and "hang" not in kind:
        assert report["model"].endswith("/spare-model") and report["body"] == SPARE_TEXT
        assert "spare-model wrote this draft" in flag["message"]
    else:
        # No fallback model, or it shares the refused address, or the deadline left it no time.
        assert report["model"] == "offline"
    if fault.attempts is not None:
        assert len(sent) == fault.attempts
    assert fallback or not spare_sent
    # Nothing the customer wrote reached the provider unmasked, however it failed.
    assert not any(CARD in json.dumps(r) or EMAIL in json.dumps(r) for r in server.requests)
    # Stored, and every redaction decision of the draft is in a chain that verifies.
    assert stored.status_code == 200 and stored.json()["model"] == report["model"]
    masked = {e.entity_type for e in entries if e.direction == "inbound" and e.action == "mask"}
    assert {"CREDIT_CARD", "EMAIL_ADDRESS", "PERSON"} <= masked
    assert verified.ok and verified.checked >= len(entries) > 0


STREAM_CUTS = {
    "stream reset mid-way": FAULTS["stream reset mid-way"],
    "stream cut mid-event": FAULTS["stream cut mid-event"],
    "stream error event": FAULTS["stream error event"],
    "Ollama /api/chat error line mid-stream": FAULTS["Ollama /api/chat error line mid-stream"],
    "hang streamed": FAULTS["hang streamed"],
}


@pytest.mark.parametrize("kind", list(STREAM_CUTS))
def test_a_stream_cut_mid_way_restarts_with_the_offline_draft_over_sse(
    empty_url: URL, tmp_path: Path, kind: str
) -> None:
    """``/v1/drafts/stream``: what the failed model streamed is withdrawn (``restart``), the
    offline draft follows, the report carries ``llm_fallback``, and the draft is stored and
    audited like a plain one."""
    fault = STREAM_CUTS[kind]
    with FakeOpenAIServer() as server:
        assert fault.reply is not None
        server.default = fault.reply()
        with _app(empty_url, tmp_path, server, fault, fallback=False) as (client, runtime):
            started = time.perf_counter()
            response = client.post("/v1/drafts/stream", json=_request())
            elapsed = time.perf_counter() - started
            events = [_event(b) for b in response.text.split("\n\n") if b.strip()]
            report = json.loads(events[-1][1])
            stored = client.get(f"/v1/drafts/{report['draft_id']}")
            entries = runtime.audit.query(draft_id=report["draft_id"]).entries
            verified = runtime.audit.verify()

    assert response.status_code == 200 and elapsed < TIMEOUT_S
    kinds = [k for k, _ in events]
    assert kinds[-1] == "report" and "error" not in kinds
    since = len(kinds) - kinds[::-1].index("restart") if "restart" in kinds else 0
    streamed = "".join(json.loads(data)["text"] for _, data in events[since:-1])
    assert streamed == report["body"] and report["model"] == "offline"
    assert any(f["code"] == "llm_fallback" for f in report["flags"])
    assert stored.status_code == 200 and stored.json()["model"] == report["model"]
    assert entries and verified.ok


def _event(block: str) -> tuple[str, str]:
    fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
    return fields["event"], fields["data"]


def test_the_breaker_opens_skips_the_model_then_closes_over_http(
    empty_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two drafts fail through a 503ing model (threshold 2): the third goes straight to the
    offline drafter without calling it, /readyz says open; after the cool-down (the breaker's
    clock moved) one trial goes through, the model drafts again and the breaker closes."""
    fault = Fault(lambda: Reply(status=503), streamed=False)
    with FakeOpenAIServer() as server:
        server.default = Reply(status=503)
        with _app(empty_url, tmp_path, server, fault, False, breaker_threshold=2) as (
            client,
            runtime,
        ):
            breaker = shared_breaker(None, 2, 30.0)  # the one the app's backend holds
            now = [1_000.0]
            monkeypatch.setattr(breaker, "clock", lambda: now[0])
            failed = [client.post("/v1/drafts", json=_request()).json() for _ in range(2)]
            sent_before_open = len(server.requests)
            opened = client.get("/readyz").json()["breakers"]
            skipped = client.post("/v1/drafts", json=_request())
            sent_while_open = len(server.requests) - sent_before_open
            now[0] += 31
            server.default = Reply(text=GOOD)
            recovered = client.post("/v1/drafts", json=_request())
            closed = client.get("/readyz").json()["breakers"]
            verified = runtime.audit.verify()

    assert all(r["model"] == "offline" for r in failed) and sent_before_open == 4
    assert opened == {"openai/fake-model": "open"}
    assert skipped.status_code == 200 and skipped.json()["model"] == "offline"
    (flag,) = [f for f in skipped.json()["flags"] if f["code"] == "llm_fallback"]
    assert "circuit breaker open" in flag["message"] and sent_while_open == 0
    assert recovered.status_code == 200 and recovered.json()["model"] == "openai/fake-model"
    assert not [f for f in recovered.json()["flags"] if f["code"] == "llm_fallback"]
    assert closed == {"openai/fake-model": "closed"}
    assert verified.ok
