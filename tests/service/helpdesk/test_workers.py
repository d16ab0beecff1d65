"""Worker processes sharing the queue: a killed worker's job is finished by another, once.

Real ``replydraft worker`` processes on the local Redis; the database is SQLite for the kill
test and PostgreSQL for the shared-queue test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import func, select

from service.app import create_app
from service.helpdesk.context import HelpdeskStores
from service.helpdesk.integrations import IntegrationSettings
from service.jobs.queue import DEFAULT_QUEUE_REDIS
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from service.storage.tables import DraftRow
from tests.conftest import REPO
from tests.fakes import zendesk_server
from tests.service.helpdesk.conftest import SIGNING_SECRET, load_json, postgres_url
from tests.service.storage.conftest import pg_base_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow
JOB_TIMEOUT_S = 8.0  # a killed worker's job is re-run JOB_TIMEOUT_S + 25 s after it started


def _settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        llm_model=None,
        data_dir=tmp_path,
        helpdesk_queue=f"replydraft-test:{uuid.uuid4().hex}",
        helpdesk_job_timeout_s=JOB_TIMEOUT_S,
        helpdesk_backoff_s=0.1,
    )


class Workers:
    """``replydraft worker`` processes with the test's settings in their environment."""

    def __init__(self, settings: Settings, tmp_path: Path) -> None:
        self.env = {
            **os.environ,
            "REPLYDRAFT_DATABASE_URL": settings.database_url,
            "REPLYDRAFT_DATA_DIR": str(settings.data_dir),
            "REPLYDRAFT_HELPDESK_QUEUE": settings.helpdesk_queue,
            "REPLYDRAFT_HELPDESK_JOB_TIMEOUT_S": str(JOB_TIMEOUT_S),
            "REPLYDRAFT_HELPDESK_BACKOFF_S": "0.1",
            "REPLYDRAFT_REDIS_URL": settings.redis_url or DEFAULT_QUEUE_REDIS,
        }
        self.env.pop("REPLYDRAFT_LLM_MODEL", None)
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        log = (self.tmp_path / f"worker-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-c", "from service.cli.main import main; main()", "worker"],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def log(self, index: int) -> str:
        return (self.tmp_path / f"worker-{index}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def environment(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Settings, TestClient, zendesk_server.FakeZendesk, Workers]]:
    database_url = request.param(request, tmp_path)
    settings = _settings(tmp_path, database_url)
    runtime = Runtime.build(settings)
    workers = Workers(settings, tmp_path)
    with zendesk_server.FakeZendesk() as fake:
        fake.add_ticket("35436", load_json("zendesk_ticket.json"))
        HelpdeskStores.build(settings, runtime.store.engine).integrations.put(
            "zendesk",
            IntegrationSettings(
                base_url=fake.base_url,
                credentials={k: SecretStr(v) for k, v in zendesk_server.CREDENTIALS.items()},
                signing_secret=SecretStr(SIGNING_SECRET),
            ),
        )
        _key, raw = KeyStore(runtime.store.engine).create("engineer", "tests")
        with TestClient(create_app(settings, runtime=runtime)) as client:
            client.headers["Authorization"] = f"Bearer {raw}"
            try:
                yield settings, client, fake, workers
            finally:
                workers.stop_all()
    runtime.store.close()


def _sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'replydraft.db'}"


def _postgres(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return postgres_url(request)


def _webhook(client: TestClient, event_id: str) -> str:
    body, headers = zendesk_server.signed_webhook(
        SIGNING_SECRET, zendesk_server.comment_added_event("35436", event_id)
    )
    response = client.post("/v1/hooks/zendesk", content=body, headers=headers)
    assert response.status_code == 202, response.text
    return str(response.json()["delivery_id"])


def _drafts(settings: Settings, client: TestClient) -> int:
    runtime: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    with runtime.store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(DraftRow)).scalar_one())


@pytest.mark.parametrize("environment", [_sqlite], indirect=True)
def test_a_killed_workers_job_is_finished_by_the_next_worker(
    environment: tuple[Settings, TestClient, zendesk_server.FakeZendesk, Workers],
) -> None:
    settings, client, fake, workers = environment
    fake.hang("GET", "/api/v2/tickets/", seconds=120)  # the first worker gets stuck mid-job
    delivery_id = _webhook(client, "evt-kill")

    first = workers.start()
    wait_for(fake.hanging.is_set, 120, "the first worker to start the job")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert client.get(f"/v1/deliveries/{delivery_id}").json()["status"] == "queued"

    workers.start()
    wait_for(
        lambda: client.get(f"/v1/deliveries/{delivery_id}").json()["status"] == "delivered",
        120,
        "the second worker to finish the job",
    )
    assert len(fake.created) == 1
    assert _drafts(settings, client) == 1
    assert len(fake.calls("GET", "/comments")) == 1  # the killed run never got past the ticket
    assert "worker_ready" in workers.log(1)


@pytest.mark.postgres
@pytest.mark.parametrize("environment", [_postgres], indirect=True)
def test_two_workers_share_the_queue_and_do_each_job_once(
    environment: tuple[Settings, TestClient, zendesk_server.FakeZendesk, Workers],
) -> None:
    settings, client, fake, workers = environment
    workers.start()
    workers.start()
    ids = [_webhook(client, f"evt-{n}") for n in range(6)]
    wait_for(
        lambda: all(client.get(f"/v1/deliveries/{i}").json()["status"] == "delivered" for i in ids),
        180,
        "six deliveries",
    )
    time.sleep(1.0)  # anything done twice would show up now
    assert len(fake.created) == 6
    assert _drafts(settings, client) == 6
    done = workers.log(0).count("delivery_done") + workers.log(1).count("delivery_done")
    assert done == 6
