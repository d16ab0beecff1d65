"""Loopback helpers shared by tests: a free port, an app served in a thread, the local Redis,
the service drafting through a fake provider."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis
import uvicorn
from starlette.types import ASGIApp

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings

REDIS_URL = "redis://127.0.0.1:6379/0"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(app: ASGIApp, *, start_timeout_s: float = 20) -> Iterator[str]:
    """``app`` under uvicorn in a thread on a free loopback port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def redis_available(url: str = REDIS_URL) -> bool:
    """Whether the local Redis answers (tests that need it skip, saying why, otherwise)."""
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def fake_model_runtime(tmp_path: Path, api_base: str) -> Runtime:
    """A runtime on SQLite in ``tmp_path`` drafting through litellm with the model server at
    ``api_base`` (a loopback fake), one attempt a draft."""
    return Runtime.build(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
            llm_model="openai/fake-model",
            llm_api_base=api_base,
            llm_api_key="test-key",
            llm_max_attempts=1,
        )
    )


@contextmanager
def serving_with_model(
    tmp_path: Path, api_base: str, **overrides: Any
) -> Iterator[tuple[str, Runtime]]:
    """The app on loopback, drafting with a remote model at ``api_base`` (one attempt).

    Yields the base URL and the runtime (to read its store); the store is closed on exit.
    """
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        auth_disabled=True,
        llm_model="openai/slow-model",
        llm_api_base=api_base,
        llm_api_key="test-key",
        llm_max_attempts=1,
        **overrides,
    )
    runtime = Runtime.build(settings)
    try:
        with running_app(create_app(settings, runtime=runtime)) as base:
            yield base, runtime
    finally:
        runtime.store.close()
