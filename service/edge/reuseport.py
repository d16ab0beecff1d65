"""Several worker processes, each with a listening socket of its own (``SO_REUSEPORT``).

uvicorn's ``--workers N`` binds one listening socket in its supervisor and hands that same
socket to every worker. Every worker's event loop then wakes on each new connection, and the
first to call ``accept`` takes every connection waiting in the queue (asyncio accepts up to
the backlog in one go): a burst of new keep-alive connections lands mostly on one worker
(36 of 50 clients on one of two workers, measured with ``benchmarks/load.py``), which then
has the larger share of the work for as long as those connections live.

On Linux each worker instead binds a socket of its own to the same address with
``SO_REUSEPORT``, and the kernel assigns each new connection to one of the listening sockets
by a hash of its addresses and ports: an even spread, whichever worker happens to wake first.
The supervisor (still uvicorn's: health checks, restarts, signals) holds one more socket,
bound to the address but never listening, so that the port stays reserved while a worker
restarts and a port already in use fails at start. Connections waiting in a worker's own
queue when that worker dies are reset (with one shared socket another worker would take
them): a worker's death is already a failure for the requests it was serving.

Elsewhere (macOS and the BSDs do not spread connections over ``SO_REUSEPORT`` sockets) the
workers share uvicorn's single socket as before.
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess


def balances_connections() -> bool:
    """Whether this platform spreads connections over sockets sharing a port (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` with ``SO_REUSEPORT`` set (not yet listening).

    A socket joins the kernel's group of sockets sharing the port only when it listens,
    so a bound socket that never listens is never handed a connection.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host.strip("[]"), port))
    except OSError:
        sock.close()
        raise
    return sock


class OwnSocket(list[socket.socket]):
    """The socket list uvicorn's supervisor hands each worker: one socket of the worker's own.

    The supervisor pickles the same list into every worker it spawns (at start, on restart,
    on SIGHUP). This list pickles as the address alone; unpickling it, in the worker, binds
    a fresh ``SO_REUSEPORT`` socket there (``reuse_port_socket``), which uvicorn then
    listens on. In the supervisor the list stays empty: it never accepts anything.
    """

    def __init__(self, host: str, port: int) -> None:
        super().__init__()
        self.host = host
        self.port = port

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return _bound_in_worker, (self.host, self.port)


def _bound_in_worker(host: str, port: int) -> list[socket.socket]:
    """Unpickling an ``OwnSocket`` (in a worker): a list of one socket of its own."""
    return [reuse_port_socket(host, port)]


def run_workers(app: str, workers: int, options: dict[str, Any]) -> None:
    """Serve the factory ``app`` from ``workers`` processes, each with its own listener.

    ``options`` are ``uvicorn.run``'s keyword arguments (host, port, protocol, log level).
    Falls back to ``uvicorn.run`` with one shared socket where the kernel does not spread
    connections (see the module's docstring).
    """
    if not balances_connections():
        uvicorn.run(app, factory=True, workers=workers, **options)
        return
    config = uvicorn.Config(app, factory=True, workers=workers, **options)
    try:
        reserved = reuse_port_socket(config.host, config.port)
    except OSError as exc:
        # What uvicorn does when it cannot bind: log why, exit with its start-up failure code.
        logging.getLogger("uvicorn.error").error(exc)
        sys.exit(STARTUP_FAILURE)
    with reserved:
        config.port = int(reserved.getsockname()[1])  # port 0: every worker binds the same one
        Multiprocess(config, sockets=OwnSocket(config.host, config.port)).run()
