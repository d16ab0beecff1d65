"""Database fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``REPLYDRAFT_TEST_POSTGRES_URL`` (default: the local ``test`` database);
each test database is a schema created fresh and dropped afterwards, so runs never collide. When the
server is unreachable the PostgreSQL cases skip and say why.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, delete, select, text
from sqlalchemy.engine import URL, make_url

from service.runtime import Runtime
from service.settings import Settings
from service.storage import Store
from service.storage.tables import Base
from tests.fakes.openai_server import FakeOpenAIServer
from tests.service.storage.fakes import FakeClock
from tests.sink_search import find_planted

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_base_url() -> URL:
    """The PostgreSQL server URL, or a skip that names the URL and the error."""
    url = make_url(os.environ.get("REPLYDRAFT_TEST_POSTGRES_URL", DEFAULT_PG_URL))
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "no server": the skip says which
        reason = str(exc).splitlines()[0]
        pytest.skip(f"PostgreSQL not reachable at {url.render_as_string()}: {reason}")
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """An unmigrated, empty database on each backend."""
    with _database(request, tmp_path) as url:
        yield url


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[URL]:
    """A database on each backend, migrated once per session and shared by store tests."""
    with _database(request, tmp_path_factory.mktemp("db")) as url:
        store = Store(url)
        try:
            store.migrate()
        finally:
            store.close()
        yield url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(migrated_url: URL, clock: FakeClock) -> Iterator[Store]:
    """A store on a migrated database (retention 90 days), emptied after each test."""
    store = Store(migrated_url, retention_days=90, clock=clock)
    yield store
    with store.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
    store.close()


@contextmanager
def _database(request: pytest.FixtureRequest, tmp_dir: Path) -> Iterator[URL]:
    """A new SQLite file, or a new PostgreSQL schema that is dropped afterwards."""
    if request.param == "sqlite":
        yield make_url(f"sqlite:///{tmp_dir / 'replydraft.db'}")
        return
    base: URL = request.getfixturevalue("pg_base_url")
    schema = f"rd_test_{uuid.uuid4().hex[:12]}"
    _pg_execute(base, f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        _pg_execute(base, f'DROP SCHEMA "{schema}" CASCADE')


def _pg_execute(url: URL, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def remote_runtime(url: URL, tmp_path: Path, server: FakeOpenAIServer) -> Runtime:
    """A runtime on ``url`` drafting through ``server`` (one attempt), logging at DEBUG."""
    settings = Settings(
        database_url=url.render_as_string(hide_password=False),
        data_dir=tmp_path,
        llm_model="openai/fake",
        llm_api_base=server.api_base,
        llm_api_key="k",
        llm_max_attempts=1,
        log_level="DEBUG",
    )
    return Runtime.build(settings)


def every_table(runtime: Runtime) -> dict[str, str]:
    """Every row of every table (found by reflection), as text, by table name."""
    metadata = MetaData()
    metadata.reflect(runtime.store.engine)
    dump = {}
    with runtime.store.engine.connect() as conn:
        for name, table in metadata.tables.items():
            rows = conn.execute(select(table)).all()
            dump[name] = json.dumps([[str(v) for v in row] for row in rows], ensure_ascii=False)
    return dump


def assert_nowhere(sinks: dict[str, str], probes: Iterable[str]) -> None:
    """No probe in any sink (tables, responses, logs); the tables that must be read are there."""
    assert "drafts" in sinks and "audit_log" in sinks
    for sink, content in sinks.items():
        for probe in probes:
            where = find_planted(content, probe)
            assert where < 0, (
                f"{probe!r} found in {sink}: {content[max(0, where - 150) : where + 50]}"
            )
