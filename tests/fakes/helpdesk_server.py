"""Base of the fake helpdesk APIs on loopback: routing, recording, scripted faults.

Each vendor module (``zendesk_server.py`` ...) answers the endpoints replydraft calls as that
vendor's API documentation describes them, checks the documented authentication, and records
every request and every note/draft it "created". Faults are scripted: an HTTP status (429 with
``Retry-After``, 500) for the next N matching calls, or a hang (a call that never answers).
"""

from __future__ import annotations

import json
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    """One request the fake received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Fault:
    """Answer the next ``times`` calls matching ``method`` and ``path_part`` with a failure."""

    method: str
    path_part: str
    times: int
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    hang_s: float = 0.0  # > 0: hold the call this long before answering (a slow vendor)


Answer = tuple[int, dict[str, str], Any]


class FakeHelpdeskServer(ABC):
    """``with FakeZendesk() as fake``: ``fake.base_url`` is the API base for the integration."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.created: list[dict[str, Any]] = []  # notes or drafts written back, in order
        self.tickets: dict[str, Any] = {}
        self.faults: list[Fault] = []
        self.hanging = threading.Event()  # set while a hung call is being held
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # Set-up and scripting

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def add_ticket(self, ticket_id: str, data: Any) -> None:
        self.tickets[ticket_id] = data

    def fail(
        self,
        method: str,
        path_part: str,
        *,
        times: int = 1,
        status: int = 500,
        retry_after: str | None = None,
    ) -> None:
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        self.faults.append(Fault(method, path_part, times, status, headers))

    def hang(self, method: str, path_part: str, seconds: float) -> None:
        self.faults.append(Fault(method, path_part, 1, 200, hang_s=seconds))

    def calls(self, method: str, path_part: str = "") -> list[Recorded]:
        return [r for r in self.requests if r.method == method and path_part in r.path]

    def __enter__(self) -> FakeHelpdeskServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    # What subclasses implement

    @abstractmethod
    def authorised(self, request: Recorded) -> bool:
        """Whether the request carries the vendor's documented authentication."""

    @abstractmethod
    def route(self, request: Recorded) -> Answer:
        """The vendor's answer to one request."""

    # Plumbing

    def _fault_for(self, request: Recorded) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if (
                    fault.times > 0
                    and fault.method == request.method
                    and (fault.path_part in request.path)
                ):
                    fault.times -= 1
                    return fault
        return None

    def _answer(self, request: Recorded) -> Answer:
        with self._lock:
            self.requests.append(request)
        fault = self._fault_for(request)
        if fault is not None and fault.hang_s > 0:
            self.hanging.set()
            deadline = time.monotonic() + fault.hang_s
            while time.monotonic() < deadline and not self._stop.is_set():
                time.sleep(0.05)
            return 503, {}, {"error": "held"}
        if fault is not None:
            return fault.status, fault.headers, {"error": f"scripted {fault.status}"}
        if not self.authorised(request):
            return 401, {}, {"error": "Couldn't authenticate you"}
        return self.route(request)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("content-length") or 0)
                request = Recorded(
                    method=self.command,
                    path=split.path.removesuffix(".json"),
                    query=parse_qs(split.query),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                status, headers, payload = server._answer(request)
                data = b"" if payload is None else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away (a killed worker)

            do_GET = do_POST = do_PUT = _serve

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def path_id(path: str, prefix: str, suffix: str = "") -> str | None:
    """The id in ``prefix{id}suffix``, else None."""
    if not path.startswith(prefix) or not path.endswith(suffix):
        return None
    middle = path[len(prefix) : len(path) - len(suffix)]
    return middle if middle and "/" not in middle else None


NOT_FOUND: Answer = (404, {}, {"error": "RecordNotFound", "description": "Not found"})
Router = Callable[[Recorded], Answer]
