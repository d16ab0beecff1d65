"""PostgreSQL goes away mid-run and comes back, under ``replydraft serve --workers 2``.

The shared server cannot be stopped by a test, so the app reaches it through a loopback TCP
proxy that is cut (every connection reset, new ones refused) and restored. While it is down
drafts answer 503 ``storage_unavailable`` (never 500); afterwards they succeed again, every
draft answered 200 is stored whole, and the audit chain verifies.

A draft whose COMMIT reached PostgreSQL just before the cut, but whose acknowledgement was lost
with the connection, is stored although its caller got a 503: no client can tell such an
in-doubt commit from a failed one. At most one per connection in flight at the cut can exist.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL

from service.storage import Store
from service.storage.keys import KeyStore
from service.storage.tables import DraftRow
from tests.fakes.tcp_proxy import TcpProxy
from tests.loopback import free_port
from tests.service.conftest import en_request

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def schema_url(pg_base_url: URL) -> Iterator[URL]:
    """A fresh PostgreSQL schema (dropped afterwards)."""
    schema = f"rd_outage_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_base_url.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def proxy(pg_base_url: URL) -> Iterator[TcpProxy]:
    with TcpProxy((pg_base_url.host or "127.0.0.1", pg_base_url.port or 5432)) as running:
        yield running


def _serve(url: str, tmp_path: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "REPLYDRAFT_DATABASE_URL": url, "REPLYDRAFT_DATA_DIR": str(tmp_path)}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--workers", "2", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 120
    while log.read_text().count('"event": "ready"') < 2:
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGTERM)
            pytest.fail("the workers did not get ready:\n" + log.read_text()[-2000:])
        time.sleep(0.5)
    return process, f"http://127.0.0.1:{port}", log


def _wait_until(condition: Callable[[], bool], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the drafts did not come in time"
        time.sleep(0.1)


def test_database_outage_answers_503_stores_nothing_partial_and_the_chain_verifies(
    schema_url: URL, proxy: TcpProxy, tmp_path: Path
) -> None:
    direct = schema_url.render_as_string(hide_password=False)
    with Store(direct) as store:
        store.migrate()
        _key, key = KeyStore(store.engine).create("admin", "outage test")
    via_proxy = schema_url.set(host="127.0.0.1", port=proxy.port)
    process, base, _log = _serve(via_proxy.render_as_string(hide_password=False), tmp_path)
    headers = {"Authorization": f"Bearer {key}"}
    answers: list[tuple[float, int, dict[str, object]]] = []
    stop = threading.Event()

    def client() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            while not stop.is_set():
                response = http.post("/v1/drafts", json=en_request())
                answers.append((time.monotonic(), response.status_code, response.json()))

    clients = [threading.Thread(target=client) for _ in range(4)]
    try:
        for thread in clients:
            thread.start()
        _wait_until(lambda: sum(status == 200 for _, status, _ in answers) >= 4)
        cut_at = time.monotonic()
        proxy.cut()
        time.sleep(4)
        restored_at = time.monotonic()
        proxy.restore()
        _wait_until(lambda: sum(t > restored_at + 2 for t, _, _ in answers) >= 4)
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
        verify = httpx.get(f"{base}/v1/audit/verify", headers=headers, timeout=30).json()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    assert {status for _, status, _ in answers} <= {200, 503}, "only drafts or 503s, never 500"
    down = [(status, body) for t, status, body in answers if cut_at + 0.5 < t < restored_at]
    assert down and all(status == 503 for status, _ in down)
    assert all(body["error"]["code"] == "storage_unavailable" for _, body in down)  # type: ignore[index]
    assert [status for t, status, _ in answers if t > restored_at + 2], "no draft after restore"
    assert all(status == 200 for t, status, _ in answers if t > restored_at + 2)
    assert any(status == 200 for t, status, _ in answers if t < cut_at)
    answered = {str(body["draft_id"]) for _, status, body in answers if status == 200}
    with Store(direct) as store, store.engine.connect() as connection:
        rows = connection.execute(select(DraftRow.id, DraftRow.report)).all()
    stored = {row.id for row in rows}
    assert answered <= stored  # every 200 is stored
    # Extra rows can only be in-doubt commits (see the module docstring): one per client at most.
    assert len(stored - answered) <= len(clients)
    assert all(row.report and row.report.get("questions") is not None for row in rows)  # whole
    assert verify["ok"] is True
