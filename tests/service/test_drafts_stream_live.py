"""``/v1/drafts/stream`` against a streaming provider on loopback: tokens as the model writes.

The provider is the scripted OpenAI-compatible fake (real HTTP, one chunk per word, slow on
purpose); the app runs under uvicorn, so the stream is read as a browser would read it.
"""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from service.runtime import Runtime
from service.storage.tables import AuditRow, DraftRow
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import serving_with_model
from tests.service.conftest import en_request

# A placeholder the masker never issued: restore leaves it, placeholder_left must block it.
INVENTED = "<CREDIT_CARD_7>"


def _greeting_reply(payload: dict[str, Any]) -> str:
    """A draft that greets the customer by the placeholder the prompt gave for her name."""
    prompt = " ".join(str(m["content"]) for m in payload["messages"])
    name = re.search(r"<PERSON_\d+>", prompt)
    assert name, "the customer's name reached the provider unmasked"
    words = ["We", "refund", "the", "duplicate", "charge", "to", "the", "original", "card."] * 3
    return f"Hi {name.group(0)},\n\n{' '.join(words)} Card {INVENTED} noted.\n\nSam"


@pytest.fixture
def provider() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def live(tmp_path: Path, provider: FakeOpenAIServer) -> Iterator[tuple[str, Runtime]]:
    with serving_with_model(tmp_path, provider.api_base) as served:
        yield served


def _count(runtime: Runtime, table: type[DraftRow] | type[AuditRow]) -> int:
    with runtime.store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_tokens_arrive_while_the_provider_is_still_writing(
    live: tuple[str, Runtime], provider: FakeOpenAIServer
) -> None:
    base, runtime = live
    # ~35 words, 0.08 s apart: about 3 s for the whole draft.
    provider.default = Reply(respond=_greeting_reply, chunk_delay_s=0.08)
    events: list[tuple[str, str]] = []
    finished_at_first_delta: int | None = None
    with (
        httpx.Client(timeout=30) as http,
        http.stream("POST", f"{base}/v1/drafts/stream", json=en_request()) as response,
    ):
        assert response.status_code == 200
        event = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: "):
                if event == "delta" and finished_at_first_delta is None:
                    finished_at_first_delta = provider.completed_streams
                events.append((event, line.removeprefix("data: ")))
    # The first piece reached the client before the provider had finished its stream.
    assert finished_at_first_delta == 0
    assert provider.completed_streams == 1
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "report" and set(kinds[:-1]) == {"delta"}
    assert len(kinds) > 20  # token by token, not the body cut up at the end
    deltas = [json.loads(data)["text"] for _, data in events[:-1]]
    report = json.loads(events[-1][1])
    # What streamed is what the report shows: the customer's own name restored ...
    assert "".join(deltas) == report["body"]
    assert report["body"].startswith("Hi Maria,")  # the model wrote "Hi <PERSON_n>,"
    assert not any("<PERSON" in d for d in deltas)
    # ... and a placeholder the final draft keeps streams as is, blocked by the report.
    assert INVENTED in "".join(deltas)
    left = [f for f in report["flags"] if f["code"] == "placeholder_left"]
    assert [f["evidence"] for f in left] == [INVENTED] and left[0]["severity"] == "block"
    assert report["model"] == "openai/slow-model"
    assert report["timings_ms"]["first_token"] < report["timings_ms"]["model"]
    assert _count(runtime, DraftRow) == 1


def test_a_client_that_leaves_mid_stream_closes_the_model_stream(
    live: tuple[str, Runtime], provider: FakeOpenAIServer
) -> None:
    base, runtime = live
    # 60 words, 0.2 s apart: about 12 s for the whole draft.
    provider.default = Reply(text=" ".join(f"word{i}" for i in range(60)), chunk_delay_s=0.2)
    port = int(base.rsplit(":", 1)[1])
    body = json.dumps(en_request()).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            b"POST /v1/drafts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        started = time.monotonic()
        received = b""
        while b"event: delta" not in received and time.monotonic() - started < 10:
            received += conn.recv(4096)
        assert b"event: delta" in received, "no text arrived"
    # The client has gone after the first tokens; the provider sees its stream closed.
    assert provider.disconnected.wait(timeout=6)
    assert time.monotonic() - started < 8
    assert provider.completed_streams == 0
    time.sleep(0.3)  # let the cancelled draft unwind
    assert _count(runtime, DraftRow) == 0  # nothing partial is kept
    assert _count(runtime, AuditRow) == 0  # nor recorded


def test_a_model_failing_mid_stream_restarts_with_the_offline_draft(
    tmp_path: Path, provider: FakeOpenAIServer
) -> None:
    # The first word comes at once, the next after 3 s; the backend waits 1 s at most
    # between tokens, so the model fails after text has streamed. (With 0.3 s the first
    # word itself missed the wait once in a full CI run: the first call sets up the client.)
    provider.default = Reply(text=" ".join(["word"] * 10), chunk_delay_s=3.0)
    with (
        serving_with_model(tmp_path, provider.api_base, llm_timeout_s=1.0) as (base, _runtime),
        httpx.Client(timeout=30) as http,
    ):
        text = http.post(f"{base}/v1/drafts/stream", json=en_request()).text
    events = [_event(block) for block in text.split("\n\n") if block.strip()]
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "delta" and json.loads(events[0][1])["text"] == "word"
    assert kinds.count("restart") == 1 and kinds[-1] == "report"
    report = json.loads(events[-1][1])
    assert report["model"] == "offline"
    assert any(f["code"] == "llm_fallback" for f in report["flags"])
    restart = kinds.index("restart")
    since = [json.loads(data)["text"] for kind, data in events[restart + 1 : -1]]
    assert "".join(since) == report["body"]
    assert "word" not in report["body"]


def _event(block: str) -> tuple[str, str]:
    fields = dict(line.split(": ", 1) for line in block.splitlines())
    return fields["event"], fields["data"]
