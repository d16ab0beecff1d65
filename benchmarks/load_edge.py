"""The load benchmark's edge: a lean fake provider and a lean HTTP client, both plain asyncio.

Neither is the product. They share the machine's two cores with ``replydraft serve``, so every
millisecond of CPU they spend per draft is a millisecond the server cannot use: with httpx as
the load generator and the threaded test fake (``tests/fakes/openai_server.py``) as provider,
the two took about as much CPU per draft as the server itself. These do the same job with
little work per request:

- ``LeanProvider`` answers ``POST /v1/chat/completions`` after a fixed delay, with the same
  bodies as the test fake (``_completion`` / ``_chunk``): one JSON answer, or server-sent events
  one chunk per word, each written as it is built (as a generating server does), then the
  usage chunk and ``[DONE]``. Connections stay open (chunked transfer encoding for streams),
  as a hosted API's do.
- ``LeanClient`` sends pre-encoded JSON requests over one keep-alive connection and reads
  ``Content-Length`` answers (what uvicorn sends for a JSON response).
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fakes.openai_server import _chunk, _completion  # noqa: E402

CHAT_PATH = b"/v1/chat/completions"
_NUMBER = re.compile(r"#\d+")


class LeanProvider:
    """An OpenAI-compatible chat endpoint on loopback answering ``text`` after ``delay_s``.

    With ``vary``, every ``#<number>`` of ``text`` becomes the first ``#<number>`` of the
    request (the customer's order number), so each request gets a draft of its own, as from a
    real model, instead of the same text that a cache could serve again.
    """

    def __init__(self, text: str, delay_s: float, *, vary: bool = False) -> None:
        self.text = text
        self.delay_s = delay_s
        self.vary = vary
        self._server: asyncio.Server | None = None

    def text_for(self, payload: dict[str, Any]) -> str:
        """The answer to ``payload``: ``text``, or with the request's number (``vary``)."""
        if not self.vary:
            return self.text
        found = _NUMBER.search(json.dumps(payload.get("messages", [])))
        return _NUMBER.sub(found.group(), self.text) if found else self.text

    async def start(self) -> str:
        """Listen on a free loopback port; returns the base URL (ending with ``/v1``)."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}/v1"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, _, header_block = head.partition(b"\r\n")
                headers = _headers(header_block)
                body = await _read_body(reader, headers)
                if request_line.split(b" ")[1].rstrip(b"/") != CHAT_PATH:
                    _write_json(writer, 404, {"error": {"message": "Not Found"}})
                    continue
                payload = json.loads(body or b"{}")
                await asyncio.sleep(self.delay_s)
                if payload.get("stream"):
                    self._stream(writer, payload)
                else:
                    text = self.text_for(payload)
                    _write_json(writer, 200, _completion(payload.get("model", "fake"), text))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def _stream(self, writer: asyncio.StreamWriter, payload: dict[str, Any]) -> None:
        model = payload.get("model", "fake")
        words = stream_pieces(self.text_for(payload))
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            b"cache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        for piece in words:
            _write_event(writer, _chunk(model, {"content": piece}, None))
        _write_event(writer, _chunk(model, {}, "stop"))
        if (payload.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": 42, "completion_tokens": len(words)}
            usage["total_tokens"] = 42 + len(words)
            _write_event(writer, {**_chunk(model, {}, None), "choices": [], "usage": usage})
        _write_chunk(writer, b"data: [DONE]\n\n")
        writer.write(b"0\r\n\r\n")


def stream_pieces(text: str) -> list[str]:
    """``text`` cut into chunks as a model streams it.

    A chunk per English word (its space first); Japanese, written without spaces, a few
    characters a chunk, as a tokenizer cuts it.
    """
    out: list[str] = []
    for index, word in enumerate(text.split(" ")):
        lead = "" if index == 0 else " "
        if word.isascii():
            out.append(lead + word)
            continue
        parts = [word[i : i + 3] for i in range(0, len(word), 3)] or [""]
        out.extend([lead + parts[0], *parts[1:]])
    return out


def _headers(block: bytes) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for line in block.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name:
            out[name.strip().lower()] = value.strip()
    return out


async def _read_body(reader: asyncio.StreamReader, headers: dict[bytes, bytes]) -> bytes:
    """A request or response body: ``Content-Length`` or chunked transfer encoding."""
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            data = await reader.readexactly(size + 2)
            if size == 0:
                return b"".join(parts)
            parts.append(data[:-2])
    return await reader.readexactly(int(headers.get(b"content-length", b"0")))


def _write_json(writer: asyncio.StreamWriter, status: int, body: dict[str, Any]) -> None:
    raw = json.dumps(body).encode()
    writer.write(
        b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
        % (status, b"OK" if status == 200 else b"Error", len(raw), raw)
    )


def _write_chunk(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(b"%x\r\n%s\r\n" % (len(data), data))


def _write_event(writer: asyncio.StreamWriter, data: dict[str, Any]) -> None:
    _write_chunk(writer, b"data: " + json.dumps(data).encode() + b"\n\n")


@dataclass
class Answer:
    """One HTTP answer: its status and its JSON body (None when it was not JSON)."""

    status: int
    body: Any


class LeanClient:
    """One keep-alive HTTP/1.1 connection to ``host:port`` sending JSON POSTs."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host = host
        self.port = port
        self._head = "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: dict[str, Any]) -> Answer:
        """POST ``body`` as JSON to ``path``; reconnects once if the server closed the socket."""
        raw = json.dumps(body).encode()
        request = (
            b"POST %s HTTP/1.1\r\nhost: %s\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\n%s\r\n%s"
            % (path.encode(), self.host.encode(), len(raw), self._head, raw)
        )
        for attempt in (0, 1):
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            assert self._reader is not None
            try:
                self._writer.write(request)
                head = await self._reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                await self.close()
                if attempt:
                    raise
                continue
            status_line, _, header_block = head.partition(b"\r\n")
            headers = _headers(header_block)
            data = await _read_body(self._reader, headers)
            if headers.get(b"connection", b"").lower() == b"close":
                await self.close()
            try:
                parsed = json.loads(data) if data else None
            except ValueError:
                parsed = None
            return Answer(int(status_line.split(b" ")[1]), parsed)
        raise ConnectionError("unreachable")  # pragma: no cover - the loop returns or raises

    async def close(self) -> None:
        """Close the connection (the next ``post`` opens a new one)."""
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except ConnectionError:
                pass
        self._reader = self._writer = None


def serve_forever(text: str, delay_s: float, vary: bool = False) -> None:
    """Run a ``LeanProvider`` in this process, printing its base URL first (a child process)."""

    async def main() -> None:
        provider = LeanProvider(text, delay_s, vary=vary)
        print(await provider.start(), flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())
