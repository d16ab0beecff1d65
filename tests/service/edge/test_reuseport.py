"""Workers with a listening socket each: the kernel spreads connections over them."""

from __future__ import annotations

import pickle
import socket
from multiprocessing.reduction import ForkingPickler
from typing import Any

import pytest
import uvicorn
from uvicorn.config import STARTUP_FAILURE

from service.edge import reuseport
from service.edge.reuseport import OwnSocket, reuse_port_socket, run_workers

pytestmark = pytest.mark.skipif(
    not reuseport.balances_connections(), reason="SO_REUSEPORT spreads connections on Linux only"
)


def _accept_all(listener: socket.socket) -> int:
    listener.setblocking(False)
    accepted = 0
    while True:
        try:
            connection, _ = listener.accept()
        except BlockingIOError:
            return accepted
        connection.close()
        accepted += 1


def test_each_worker_unpickles_a_socket_of_its_own_and_connections_spread() -> None:
    with reuse_port_socket("127.0.0.1", 0) as reserved:  # what the supervisor holds
        port = reserved.getsockname()[1]
        spec = OwnSocket("127.0.0.1", port)
        assert list(spec) == []  # the supervisor itself never accepts
        # What uvicorn's supervisor does for each worker it spawns: pickle the same list.
        first, second = (pickle.loads(ForkingPickler.dumps(spec)) for _ in range(2))
        listeners = [*first, *second]
        try:
            assert len(listeners) == 2 and listeners[0] is not listeners[1]
            assert {s.getsockname()[1] for s in listeners} == {port}
            for listener in listeners:
                listener.listen(128)
            clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(64)]
            counts = [_accept_all(listener) for listener in listeners]
            for client in clients:
                client.close()
        finally:
            for listener in listeners:
                listener.close()
    # Every connection reached a listening worker (none went to the reserved socket), and
    # the hash spread them: 32 each on average, at least 12 each by a wide margin.
    assert sum(counts) == 64
    assert min(counts) >= 12


def test_the_supervisor_reserves_the_port_and_hands_it_to_every_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[uvicorn.Config, list[socket.socket]]] = []

    class Supervisor:
        def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
            seen.append((config, sockets))

        def run(self) -> None:
            # While the workers run, the port is held: a plain listener cannot take it.
            config = seen[-1][0]
            with socket.socket() as other, pytest.raises(OSError):
                other.bind(("127.0.0.1", config.port))

    monkeypatch.setattr(reuseport, "Multiprocess", Supervisor)
    options: dict[str, Any] = {"host": "127.0.0.1", "port": 0, "log_level": "warning"}
    run_workers("service.app:app_from_env", 2, options)
    ((config, sockets),) = seen
    assert config.workers == 2 and config.factory and config.port != 0
    assert isinstance(sockets, OwnSocket) and sockets.port == config.port


def test_a_port_in_use_fails_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reuseport, "Multiprocess", lambda *a, **kw: pytest.fail("started"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        options = {"host": "127.0.0.1", "port": taken.getsockname()[1], "log_level": "warning"}
        with pytest.raises(SystemExit) as info:
            run_workers("service.app:app_from_env", 2, options)
    assert info.value.code == STARTUP_FAILURE


def test_elsewhere_the_workers_share_uvicorns_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(reuseport, "balances_connections", lambda: False)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    run_workers("service.app:app_from_env", 3, {"host": "127.0.0.1", "port": 8123})
    assert calls == [
        {
            "app": "service.app:app_from_env",
            "factory": True,
            "workers": 3,
            "host": "127.0.0.1",
            "port": 8123,
        }
    ]
