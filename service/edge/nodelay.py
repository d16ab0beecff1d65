"""uvicorn's HTTP protocol with Nagle's algorithm off on every TCP connection.

asyncio turns ``TCP_NODELAY`` on for an accepted connection only when the socket reports
``proto == IPPROTO_TCP``. A listener built by asyncio from a host and port has it (that is
``replydraft serve --workers 1``), but the listener uvicorn binds itself and hands to its
worker processes (``--workers N``, and gunicorn's) is created with ``proto`` 0, so every
connection it accepts keeps Nagle on (uvicorn issue #3149). uvicorn writes a response's
headers and body as two small segments; with Nagle on, the body waits for the client's
delayed ACK of the headers: about 40 ms on Linux, on every keep-alive request after the
first. Setting the option on each connection makes both ways of serving equally fast, and
does not depend on how the listening socket was made.
"""

from __future__ import annotations

import asyncio
import socket
from contextlib import suppress

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_TCP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    """Turn ``TCP_NODELAY`` on for ``transport``'s socket when it is a TCP one."""
    sock = transport.get_extra_info("socket")
    if sock is None or sock.family not in _TCP_FAMILIES or sock.type != socket.SOCK_STREAM:
        return  # a Unix socket, or a transport without one (tests): nothing to batch
    with suppress(OSError):  # the peer may already be gone; the request then fails as usual
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


# httptools (a dependency) parses HTTP in C; uvicorn's pure-Python h11 parser cost more CPU
# per request. Named here rather than left to uvicorn's "auto", which would silently fall back.
class NoDelayHTTPProtocol(HttpToolsProtocol):
    """uvicorn's httptools HTTP/1.1 protocol, with ``TCP_NODELAY`` on each connection.

    Pass the class as ``uvicorn.run(..., http=NoDelayHTTPProtocol)``; it is importable by
    name, so worker processes started by uvicorn's supervisor receive it too.
    """

    # httptools' protocol narrows asyncio's BaseTransport to Transport (what a server hands it).
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Switch Nagle off, then let uvicorn set up the connection."""
        set_nodelay(transport)
        super().connection_made(transport)
