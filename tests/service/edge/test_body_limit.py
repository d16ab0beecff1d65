"""The body limit holds with and without Content-Length, in the TestClient and a real server."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from tests.loopback import running_app

LIMIT = 20_000


@pytest.fixture
def small_limit(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        max_body_bytes=LIMIT,
        auth_disabled=True,
    )


def _chunks(total: int, size: int = 4_096) -> Iterator[bytes]:
    yield b'{"thread": {"messages": [{"role": "customer", "body": "'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}]}}'


def test_declared_length_over_the_limit_is_413(small_limit: Settings, runtime: Runtime) -> None:
    with TestClient(create_app(small_limit, runtime=runtime)) as client:
        body = json.dumps({"text": "x" * (LIMIT + 1)})
        response = client.post("/v1/redact", content=body, headers={"content-type": "json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert str(LIMIT) in response.json()["error"]["message"]


def test_chunked_body_over_the_limit_is_413(small_limit: Settings, runtime: Runtime) -> None:
    with TestClient(create_app(small_limit, runtime=runtime)) as client:
        response = client.post(
            "/v1/drafts",
            content=_chunks(LIMIT * 3),
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_body_under_the_limit_still_drafts(small_limit: Settings, runtime: Runtime) -> None:
    with TestClient(create_app(small_limit, runtime=runtime)) as client:
        response = client.post(
            "/v1/drafts",
            json={"thread": {"messages": [{"role": "customer", "body": "Where is my order?"}]}},
        )
    assert response.status_code == 200


def test_a_real_server_stops_a_chunked_upload(small_limit: Settings, runtime: Runtime) -> None:
    """Over a socket, with Transfer-Encoding: chunked and no Content-Length, as curl sends it."""
    with running_app(create_app(small_limit, runtime=runtime)) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(
                b"POST /v1/drafts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            try:
                for chunk in _chunks(LIMIT * 50):
                    conn.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                conn.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server may close the connection once it has answered
            reply = ""
            while "\r\n\r\n" not in reply or not reply.rstrip().endswith("}"):
                chunk = conn.recv(65_536).decode("latin-1")
                if not chunk:
                    break
                reply += chunk
    assert reply.startswith("HTTP/1.1 413")
    assert "payload_too_large" in reply
