"""A scripted OpenAI-compatible chat-completions server on loopback, for backend tests.

This is the fake at the edge we cannot reach (a hosted provider, or a local llama.cpp / Ollama
/ vLLM server): litellm talks real HTTP to it. It behaves as those servers document:

- ``POST /v1/chat/completions`` only; any other path is a 404 (a base URL without ``/v1``);
- no API key needed unless ``require_key`` is set (then a wrong one is a 401);
- ``finish_reason`` as scripted (``length`` when the token limit cut the answer off);
- ``stream: true`` answers with server-sent events, one chunk per word, ``[DONE]`` last, and
  the usage chunk when ``stream_options.include_usage`` is asked; a client that goes away
  mid-stream is recorded in ``disconnects``; a stream may be reset (``drop_after``), cut off
  mid-event by the server closing its end (``cut_mid_event_after``: the body just ends, with
  no finish reason and no ``[DONE]``, as a dropped connection reads to a client) or carry
  a finish reason on every chunk (``chunk_finish_reason``, "" as older Ollama sends);
- ``context_tokens`` is the served context: a prompt longer than that (at ~4 characters a
  token) gets a 400 ``context_length_exceeded``, as vLLM and OpenAI answer; ``GET /v1/models``
  lists the served model with ``max_model_len`` (as vLLM does);
- ``reject_json_schema`` answers a ``response_format`` of type ``json_schema`` with that
  status (llama.cpp-style servers that only take ``json_object`` with a schema);
- ``POST /api/chat`` is Ollama's native chat route (litellm's ``ollama_chat/`` models): one
  JSON object, or with ``stream: true`` newline-delimited JSON objects (``message.content``
  pieces, ``done: true`` with ``done_reason`` and token counts last); its errors are
  ``{"error": "<text>"}`` with the HTTP status, and an error after the stream began is one
  ``{"error": ...}`` line under the 200 already sent (docs.ollama.com/api/errors);
- ``per_model`` answers every request naming that model with its reply (a fallback model
  that works while the configured one fails).

Each request pops the next scripted reply; every request body and its headers are recorded.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHAT_PATH = "/v1/chat/completions"
OLLAMA_CHAT_PATH = "/api/chat"


@dataclass
class Reply:
    """One scripted answer: a status, optional headers, a body, and an optional delay."""

    status: int = 200
    text: str = "Hello from the fake model."
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    body: dict[str, Any] | None = None  # raw JSON body; default is an OpenAI completion
    respond: Callable[[dict[str, Any]], str] | None = None  # text computed from the request
    finish_reason: str = "stop"
    chunk_delay_s: float = 0.0  # pause between streamed chunks (a slow CPU server)
    stream_error: bool = False  # an error event after the first chunk (an overloaded server)
    # The finish reason sent on every content chunk: None, as OpenAI does; "" as older Ollama
    # versions do (ollama/ollama#4357).
    chunk_finish_reason: str | None = None
    drop_after: int | None = None  # streamed: the connection closes after this many chunks
    # Streamed: after this many chunks, half an event and the server closes its end; the body
    # (framed by the connection's close) ends cleanly, so only the missing end tells.
    cut_mid_event_after: int | None = None
    raw: bytes | None = None  # sent as the body as is (not JSON: a proxy's page, a cut write)
    cut_short: bool = False  # the body is half sent under its full content-length, then closed
    malformed_chunk: bool = False  # streamed: a chunk that is not JSON after the first one


class FakeOpenAIServer:
    """Start with ``with FakeOpenAIServer() as server``; point litellm at ``server.api_base``."""

    def __init__(self, *, require_key: str | None = None) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.request_headers: list[dict[str, str]] = []
        self.paths: list[str] = []
        self.default = Reply()
        self.require_key = require_key
        self.reject_json_schema: int | None = None
        self.context_tokens: int | None = None
        self.count_prompt_tokens = False  # False: a fixed 42 (stable figures for tests)
        self.send_usage = True  # False: include_usage is ignored, as some local servers do
        self.served_model = "fake-model"
        self.per_model: dict[str, Reply] = {}
        self.disconnects = 0
        self.disconnected = threading.Event()
        self.completed_streams = 0
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def root(self) -> str:
        """The server's address without ``/v1`` (a common misconfiguration)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_base(self) -> str:
        """The OpenAI-compatible base URL, ending with ``/v1``."""
        return f"{self.root}/v1"

    def enqueue(self, *replies: Reply) -> None:
        """Script the next replies, in order; then ``default`` answers."""
        self.replies.extend(replies)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self, payload: dict[str, Any]) -> Reply:
        if payload.get("model") in self.per_model:
            return self.per_model[payload["model"]]
        return self.replies.popleft() if self.replies else self.default

    def _sleep(self, seconds: float) -> None:
        # Wait on the stop event, so shutdown is not blocked by a "hanging" reply and the delay is
        # exact (10 ms polling steps added ~5 ms to every overhead the load benchmark measured).
        self._stop.wait(seconds)

    def prompt_tokens(self, payload: dict[str, Any]) -> int:
        """The prompt's token count as reported in ``usage`` (~4 characters a token)."""
        if not self.count_prompt_tokens:
            return 42
        return sum(len(str(m.get("content", ""))) for m in payload.get("messages", [])) // 4

    def _refusal(self, path: str, headers: dict[str, str], payload: dict[str, Any]) -> Reply | None:
        if path.rstrip("/") not in (CHAT_PATH, OLLAMA_CHAT_PATH):
            return Reply(status=404, body={"error": {"message": "Not Found", "code": 404}})
        if self.require_key is not None:
            if headers.get("authorization") != f"Bearer {self.require_key}":
                return Reply(status=401, body={"error": {"message": "Invalid API Key"}})
        if self.context_tokens is not None:
            chars = sum(len(str(m.get("content", ""))) for m in payload.get("messages", []))
            if chars // 4 > self.context_tokens:  # prompt_tokens() when counted
                message = (
                    f"This model's maximum context length is {self.context_tokens} tokens. "
                    f"However, your messages resulted in {chars // 4} tokens."
                )
                error = {"message": message, "code": "context_length_exceeded"}
                return Reply(status=400, body={"error": error})
        kind = (payload.get("response_format") or {}).get("type")
        if kind == "json_schema" and self.reject_json_schema:
            message = "response_format type json_schema is not supported"
            return Reply(status=self.reject_json_schema, body={"error": {"message": message}})
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"server_fake": self})


class _Handler(BaseHTTPRequestHandler):
    """One request to the fake; ``server_fake`` is the scripted server it belongs to."""

    server_fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        fake = self.server_fake
        if self.path.rstrip("/") != "/v1/models":
            self._json(Reply(status=404, body={"error": {"message": "Not Found"}}), {})
            return
        entry: dict[str, Any] = {"id": fake.served_model, "object": "model"}
        if fake.context_tokens is not None:
            entry["max_model_len"] = fake.context_tokens
        self._json(Reply(body={"object": "list", "data": [entry]}), {})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        payload = json.loads(self.rfile.read(length) or b"{}")
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server_fake.paths.append(self.path)
        self.server_fake.requests.append(payload)
        self.server_fake.request_headers.append(headers)
        refusal = self.server_fake._refusal(self.path, headers, payload)
        reply = refusal or self.server_fake._next(payload)
        if reply.delay_s:
            self.server_fake._sleep(reply.delay_s)
        try:
            if self.path.rstrip("/") == OLLAMA_CHAT_PATH and reply.raw is None:
                self._ollama(reply, payload)
            elif reply.raw is not None or reply.cut_short:
                self._raw(reply, payload)
            elif reply.status == 200 and reply.body is None and payload.get("stream"):
                self._stream(reply, payload)
            else:
                self._json(reply, payload)
        except (BrokenPipeError, ConnectionResetError):
            self.server_fake.disconnects += 1  # the client timed out or was cancelled
            self.server_fake.disconnected.set()

    def _json(self, reply: Reply, payload: dict[str, Any]) -> None:
        body = reply.body
        if body is None and reply.status == 200:
            text = reply.respond(payload) if reply.respond else reply.text
            body = _completion(payload.get("model", "fake"), text, reply.finish_reason)
            prompt = self.server_fake.prompt_tokens(payload)
            body["usage"] = {"prompt_tokens": prompt, "completion_tokens": 7}
            body["usage"]["total_tokens"] = prompt + 7
        elif body is None:
            body = {"error": {"message": "scripted failure", "type": "fake", "code": None}}
        raw = json.dumps(body).encode()
        self.send_response(reply.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(raw)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)

    def _raw(self, reply: Reply, payload: dict[str, Any]) -> None:
        """``reply.raw`` as the body, or a completion cut off half way (``cut_short``)."""
        raw = reply.raw
        declared = len(raw) if raw is not None else 0
        if raw is None:
            text = reply.respond(payload) if reply.respond else reply.text
            whole = json.dumps(_completion(payload.get("model", "fake"), text, "stop")).encode()
            raw, declared = whole[: len(whole) // 2], len(whole)
        self.send_response(reply.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(declared))
        self.end_headers()
        self.wfile.write(raw)
        self.wfile.flush()
        if reply.cut_short:
            self._reset()

    def _stream(self, reply: Reply, payload: dict[str, Any]) -> None:
        model = payload.get("model", "fake")
        text = reply.respond(payload) if reply.respond else reply.text
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        # A body cut off by closing the connection is only an error to the client when its
        # end is framed: chunked, as llama.cpp, Ollama and vLLM stream.
        self._chunked = reply.drop_after is not None
        if self._chunked:
            self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        words = text.split(" ")
        for index, word in enumerate(words):
            piece = word if index == 0 else " " + word
            self._event(_chunk(model, {"content": piece}, reply.chunk_finish_reason))
            if reply.drop_after is not None and index + 1 >= reply.drop_after:
                self._reset()  # no finish reason, no [DONE]: a server that crashed mid-answer
                return
            if reply.cut_mid_event_after is not None and index + 1 >= reply.cut_mid_event_after:
                self.wfile.write(b'data: {"id": "chatcmpl-fake", "choices": [{"delta": {"con')
                self.wfile.flush()
                self.close_connection = True
                return
            if reply.malformed_chunk:
                self.wfile.write(b'data: {"id": "chatcmpl-fake", "choices": [{"del\n\n')
                self.wfile.flush()
                self.close_connection = True
                return
            if reply.stream_error:
                self._event({"error": {"message": "overloaded", "type": "server_error"}})
                self.close_connection = True
                return
            if reply.chunk_delay_s:
                self.server_fake._sleep(reply.chunk_delay_s)
        self._event(_chunk(model, {}, reply.finish_reason))
        include_usage = (payload.get("stream_options") or {}).get("include_usage")
        if include_usage and self.server_fake.send_usage:
            prompt = self.server_fake.prompt_tokens(payload)
            usage = {"prompt_tokens": prompt, "completion_tokens": len(words)}
            usage["total_tokens"] = prompt + len(words)
            self._event({**_chunk(model, {}, None), "choices": [], "usage": usage})
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.server_fake.completed_streams += 1
        self.close_connection = True

    def _ollama(self, reply: Reply, payload: dict[str, Any]) -> None:
        """Ollama's native ``/api/chat``: one object, or NDJSON lines when streamed."""
        if reply.status != 200:
            body = reply.body or {"error": "scripted failure"}
            self._json(Reply(status=reply.status, body=body, headers=reply.headers), payload)
            return
        model = payload.get("model", "fake")
        text = reply.respond(payload) if reply.respond else reply.text
        if not payload.get("stream"):
            body = reply.body or _ollama_message(model, text, done=True)
            self._json(Reply(body=body), payload)
            return
        self.send_response(200)
        self.send_header("content-type", "application/x-ndjson")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        words = text.split(" ")
        for index, word in enumerate(words):
            self._ollama_line(_ollama_message(model, word if index == 0 else " " + word))
            if reply.stream_error:  # the status stays 200: the error is a line of its own
                self._ollama_line({"error": "an error was encountered while running the model"})
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
                self.close_connection = True
                return
            if reply.drop_after is not None and index + 1 >= reply.drop_after:
                self._reset()
                return
            if reply.chunk_delay_s:
                self.server_fake._sleep(reply.chunk_delay_s)
        self._ollama_line(_ollama_message(model, "", done=True, reason=reply.finish_reason))
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self.server_fake.completed_streams += 1
        self.close_connection = True

    def _ollama_line(self, data: dict[str, Any]) -> None:
        line = json.dumps(data).encode() + b"\n"
        self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
        self.wfile.flush()

    def _reset(self) -> None:
        """Drop the connection inside a chunked body, as a server that crashed mid-answer."""
        # The client reads what was sent before the reset reaches it (a reset discards data
        # still unread), so the cut comes after the chunks, as a crash mid-answer does.
        self.server_fake._sleep(0.3)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _event(self, data: dict[str, Any]) -> None:
        event = b"data: " + json.dumps(data).encode() + b"\n\n"
        if getattr(self, "_chunked", False):
            event = f"{len(event):x}\r\n".encode() + event + b"\r\n"
        self.wfile.write(event)
        self.wfile.flush()


def _chunk(model: str, delta: dict[str, Any], finish_reason: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def _ollama_message(
    model: str, content: str, *, done: bool = False, reason: str = "stop"
) -> dict[str, Any]:
    """One object of Ollama's ``/api/chat`` answer; the last (``done``) carries the counts."""
    message: dict[str, Any] = {
        "model": model,
        "created_at": "2026-01-01T00:00:00.000000Z",
        "message": {"role": "assistant", "content": content},
        "done": done,
    }
    if done:
        message.update(done_reason=reason, prompt_eval_count=42, eval_count=7)
    return message


def _completion(model: str, text: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49},
    }
