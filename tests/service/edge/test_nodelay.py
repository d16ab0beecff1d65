"""Nagle's algorithm is off on connections accepted from a listener uvicorn bound itself."""

from __future__ import annotations

import asyncio
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from uvicorn.config import Config
from uvicorn.server import ServerState

from service.edge.nodelay import NoDelayHTTPProtocol, set_nodelay


def _prebound_listener() -> socket.socket:
    """A listener made the way uvicorn's supervisor and gunicorn make theirs: ``proto`` 0."""
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


async def _tiny_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b'{"ok": true}'})


def _accepted_nodelay(cls: type[asyncio.Protocol]) -> int:
    """TCP_NODELAY of the server side of one connection accepted from a proto-0 listener."""

    async def run() -> int:
        config = Config(_tiny_app, log_level="warning")
        config.load()
        state = ServerState()  # each uvicorn protocol adds itself to ``connections``
        listener = _prebound_listener()
        server = await asyncio.get_running_loop().create_server(
            lambda: cls(config=config, server_state=state, app_state={}),  # type: ignore[call-arg]
            sock=listener,
        )
        _, writer = await asyncio.open_connection(*listener.getsockname())
        for _ in range(500):
            if state.connections:
                break
            await asyncio.sleep(0.01)
        (protocol,) = state.connections
        sock = protocol.transport.get_extra_info("socket")
        value = int(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()
        protocol.transport.close()
        server.close()
        await server.wait_closed()
        return value

    return asyncio.run(run())


def test_a_connection_from_a_prebound_listener_gets_tcp_nodelay() -> None:
    assert _accepted_nodelay(NoDelayHTTPProtocol) == 1


def test_without_it_asyncio_leaves_nagle_on_for_such_a_listener() -> None:
    # Why the protocol exists: the same listener with uvicorn's own protocol keeps Nagle on.
    from uvicorn.protocols.http.auto import AutoHTTPProtocol

    assert _accepted_nodelay(AutoHTTPProtocol) == 0


def test_set_nodelay_leaves_unix_sockets_and_socketless_transports_alone() -> None:
    class Fake(asyncio.BaseTransport):
        def __init__(self, sock: socket.socket | None) -> None:
            super().__init__()
            self.sock = sock

        def get_extra_info(self, name: str, default: Any = None) -> Any:
            return self.sock if name == "socket" else default

    set_nodelay(Fake(None))  # no socket: nothing to do, no error
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        set_nodelay(Fake(left))  # would raise OSError if TCP_NODELAY were tried on it
        assert left.family == socket.AF_UNIX


@pytest.fixture
def served_on_prebound_socket() -> Iterator[str]:
    """uvicorn serving a tiny app from a proto-0 listener, as each ``--workers N`` worker does."""
    listener = _prebound_listener()
    config = Config(_tiny_app, log_level="warning", http=NoDelayHTTPProtocol, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[listener])))
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        host, port = listener.getsockname()
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()


@pytest.mark.slow  # a wall-clock figure: kept out of the default run on a shared machine
def test_keep_alive_requests_do_not_wait_for_a_delayed_ack(served_on_prebound_socket: str) -> None:
    with httpx.Client(base_url=served_on_prebound_socket) as client:
        client.get("/")  # the first request on a connection never waited (quick-ACK mode)
        times = []
        for _ in range(15):
            start = time.perf_counter()
            assert client.get("/").status_code == 200
            times.append(time.perf_counter() - start)
    # With Nagle on, each took ~40-45 ms (the Linux delayed ACK); a tiny app answers in ~1.
    assert statistics.median(times) < 0.02
