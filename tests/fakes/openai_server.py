"""A scripted OpenAI-compatible chat-completions server on loopback, for backend tests.

This is the fake at the edge we cannot reach (a hosted LLM provider): litellm talks real HTTP
to it. Each request pops the next scripted reply; every request body is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: a status, optional headers, a body, and an optional delay."""

    status: int = 200
    text: str = "Hello from the fake model."
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    body: dict[str, Any] | None = None  # raw JSON body; default is an OpenAI completion
    respond: Callable[[dict[str, Any]], str] | None = None  # text computed from the request


class FakeOpenAIServer:
    """Start with ``with FakeOpenAIServer() as server``; point litellm at ``server.api_base``."""

    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.default = Reply()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def api_base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self) -> Reply:
        return self.replies.popleft() if self.replies else self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(payload)
                reply = server._next()
                if reply.delay_s:
                    # Wait in small steps so shutdown is not blocked by a "hanging" reply.
                    deadline = time.monotonic() + reply.delay_s
                    while time.monotonic() < deadline and not server._stop.is_set():
                        time.sleep(0.02)
                body = reply.body
                if body is None and reply.status == 200:
                    text = reply.respond(payload) if reply.respond else reply.text
                    body = _completion(payload.get("model", "fake"), text)
                elif body is None:
                    body = {"error": {"message": "scripted failure", "type": "fake", "code": None}}
                raw = json.dumps(body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(raw)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away, as intended

        return Handler


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 42, "completion_tokens": 7, "total_tokens": 49},
    }
