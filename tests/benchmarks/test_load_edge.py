"""The load benchmark's lean provider and client speak what litellm and uvicorn expect."""

from __future__ import annotations

import asyncio
import json

import pytest

from benchmarks.load_edge import LeanClient, LeanProvider, stream_pieces
from service.backends.base import ChatMessage, DraftInputs, ModelRequest
from service.backends.litellm_backend import LiteLLMBackend

TEXT = "Hello there,\n\nyour refund is on its way.\n\nBest,\nSam"


def _request() -> ModelRequest:
    inputs = DraftInputs(
        language="en",
        customer_name=None,
        agent_name=None,
        agent_title=None,
        brand=None,
        subject=None,
        latest_customer_text="Where is my refund?",
        questions=(),
        passages=(),
    )
    return ModelRequest(messages=(ChatMessage("user", "Where is my refund?"),), inputs=inputs)


@pytest.mark.parametrize("streamed", [False, True])
def test_litellm_reads_the_lean_provider_streamed_or_not(streamed: bool) -> None:
    async def run() -> list[str]:
        provider = LeanProvider(TEXT, delay_s=0.0)
        base = await provider.start()
        backend = LiteLLMBackend(
            "openai/fake-model", api_base=base, api_key="loopback", streamed=streamed
        )
        # Twice: the second call reuses the kept-alive connection (chunked streams end cleanly).
        return [(await backend.complete(_request())).text for _ in range(2)]

    assert asyncio.run(run()) == [TEXT.strip()] * 2


def test_lean_provider_answers_other_paths_with_404() -> None:
    async def run() -> tuple[int, object]:
        provider = LeanProvider(TEXT, delay_s=0.0)
        base = await provider.start()
        port = int(base.rsplit(":", 1)[1].split("/")[0])
        client = LeanClient("127.0.0.1", port, {})
        answer = await client.post("/chat/completions", {"model": "x"})
        await client.close()
        return answer.status, answer.body

    status, body = asyncio.run(run())
    assert status == 404
    assert body == {"error": {"message": "Not Found"}}


def test_lean_client_keeps_one_connection_and_reads_json_answers() -> None:
    connections = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
                body = json.loads(await reader.readexactly(length))
                raw = json.dumps(
                    {"echo": body["n"], "auth": b"authorization: k" in head.lower()}
                ).encode()
                writer.write(
                    b"HTTP/1.1 201 Created\r\ncontent-length: %d\r\n\r\n%s" % (len(raw), raw)
                )
        except asyncio.IncompleteReadError:
            writer.close()

    async def run() -> list[tuple[int, object]]:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = LeanClient("127.0.0.1", port, {"Authorization": "k"})
        answers = [await client.post("/x", {"n": n}) for n in range(3)]
        await client.close()
        server.close()
        return [(a.status, a.body) for a in answers]

    answers = asyncio.run(run())
    assert answers == [(201, {"echo": n, "auth": True}) for n in range(3)]
    assert connections == 1


def test_a_varying_provider_answers_with_the_request_s_number() -> None:
    provider = LeanProvider("Your order #1 ships today.", delay_s=0.0, vary=True)
    payload = {"messages": [{"role": "user", "content": "Where is order #48219?"}]}
    assert provider.text_for(payload) == "Your order #48219 ships today."
    assert provider.text_for({"messages": []}) == "Your order #1 ships today."
    same = LeanProvider("Your order #1 ships today.", delay_s=0.0)
    assert same.text_for(payload) == "Your order #1 ships today."


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("We refund it", ["We", " refund", " it"]),
        ("ご注文の請求書です", ["ご注文", "の請求", "書です"]),
        ("注文 #42 の件", ["注文", " #42", " の件"]),
    ],
)
def test_stream_pieces_cut_words_and_japanese_runs(text: str, pieces: list[str]) -> None:
    assert stream_pieces(text) == pieces
