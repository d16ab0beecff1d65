"""``replydraft serve --workers 2`` on PostgreSQL: both workers answer, nothing is lost."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import URL

from service.storage import Store
from service.storage.keys import KeyStore
from tests.loopback import free_port
from tests.service.conftest import en_request

pytestmark = pytest.mark.slow


@pytest.fixture
def served(empty_url: URL, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    url = empty_url.render_as_string(hide_password=False)
    with Store(url) as store:
        store.migrate()
        _key, raw = KeyStore(store.engine).create("admin", "load test")
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
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if log.read_text().count('"event": "ready"') >= 2:
                break
            assert process.poll() is None, log.read_text()
            time.sleep(0.5)
        else:
            pytest.fail("the workers did not get ready in 120 s:\n" + log.read_text())
        yield base, raw, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_two_workers_draft_concurrently_and_the_chain_verifies(
    served: tuple[str, str, Path],
) -> None:
    base, key, log = served
    headers = {"Authorization": f"Bearer {key}"}
    draft = "Hi Maria,\n\nYour card 4111 1111 1111 1111 was refunded.\n\nSam"

    def one(n: int) -> tuple[int, str]:
        body = en_request(draft=draft) if n % 2 else en_request()
        path = "/v1/checks" if n % 2 else "/v1/drafts"
        response = httpx.post(base + path, json=body, headers=headers, timeout=60)
        return response.status_code, response.json().get("draft_id", "")

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(one, range(24)))
    assert [status for status, _ in answers] == [200] * 24
    # Nothing lost: every answered draft and check is stored, whichever worker wrote it.
    ids = {draft_id for _, draft_id in answers}
    assert len(ids) == 24
    for draft_id in ids:
        stored = httpx.get(f"{base}/v1/drafts/{draft_id}", headers=headers, timeout=30)
        assert stored.status_code == 200, draft_id
    verify = httpx.get(base + "/v1/audit/verify", headers=headers, timeout=30).json()
    assert verify["ok"] is True
    pids = set(re.findall(r'"event": "ready".*?"pid": (\d+)', log.read_text()))
    assert len(pids) == 2
    # One structured line per request, with its route template and status, never its text.
    text = log.read_text()
    assert text.count('"route": "/v1/drafts"') >= 12
    # The card is matched whole: a bare "4111" also occurs in log timestamps' microseconds.
    assert "Maria" not in text
    assert re.search(r"4111\D?1111", text) is None
