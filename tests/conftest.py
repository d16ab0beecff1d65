"""Session-wide test fixtures: loopback-only network, shared engines, settings."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"

_real_connect = socket.socket.connect


def _is_loopback(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return True  # AF_UNIX paths (the local PostgreSQL socket) never leave the machine


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_loopback(address):
        raise OSError(f"tests may only talk to loopback, not {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _loopback_only() -> Iterator[None]:
    """Fail any test that tries to reach a real provider or any non-loopback address."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _fresh_shared_breakers() -> Iterator[None]:
    """Each test starts with closed in-process breakers.

    The process keeps one breaker per setting (``shared_breaker``): failures a fault test
    drafted through it opened the model's breaker for the next tests (30 s of real time),
    which then drafted offline whatever they asked.
    """
    yield
    from service.backends.select import shared_breaker

    shared_breaker.cache_clear()
