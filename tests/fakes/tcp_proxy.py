"""A loopback TCP proxy that can be cut and restored: a database outage without stopping it.

Stopping the shared PostgreSQL server is not something a test may do, so the app talks to
this proxy instead: ``cut()`` drops every open connection and refuses new ones (as a stopped
server does), ``restore()`` listens again on the same port. ``stall()`` makes it a server that
accepts connections and never answers (a hung Redis), ``unstall()`` forwards again.
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress


class TcpProxy:
    """Forward ``127.0.0.1:<port>`` to ``upstream``; use as a context manager."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._stalled = False
        self.port = self._listen(0)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cut()

    def cut(self) -> None:
        """Stop listening and reset every forwarded connection."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._open = set(self._open), set()
        if listener is not None:
            listener.close()
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def restore(self) -> None:
        """Listen again on the same port."""
        self._listen(self.port)

    def stall(self) -> None:
        """Accept and read, never answer: open connections go quiet, new ones get no upstream."""
        self._stalled = True

    def unstall(self) -> None:
        """Forward again (connections the client gave up on while stalled stay dead)."""
        self._stalled = False

    def _listen(self, port: int) -> int:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        with self._lock:
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return int(listener.getsockname()[1])

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut: the listener was closed
            if self._stalled:
                with self._lock:
                    self._open.add(client)  # cut() closes it too
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    client.close()
                    server.close()
                    continue
                self._open.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _swallow(self, client: socket.socket) -> None:
        """Read whatever the client sends and answer nothing, until it gives up."""
        with client, suppress(OSError):
            while client.recv(65536):
                pass
        with self._lock:
            self._open.discard(client)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if not self._stalled:  # stalled: dropped, as a hung server never reads it
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            # Either side closing ends both directions, as a dropped connection would.
            with self._lock:
                self._open.difference_update((source, sink))
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
