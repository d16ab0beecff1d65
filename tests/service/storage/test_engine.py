"""URL resolution and engine settings per backend."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from service.settings import Settings
from service.storage import Store
from service.storage.engine import build_engine, resolve_url


def test_relative_sqlite_path_goes_under_data_dir(tmp_path: Path) -> None:
    data_dir = tmp_path / "data" / "nested"
    settings = Settings(database_url="sqlite:///replydraft.db", data_dir=data_dir)
    with Store.from_settings(settings) as store:
        store.migrate()
        assert store.engine.url.database == str((data_dir / "replydraft.db").resolve())
    assert (data_dir / "replydraft.db").exists()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:////var/lib/replydraft/replydraft.db",
        "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    ],
)
def test_other_urls_are_left_alone(url: str, tmp_path: Path) -> None:
    assert resolve_url(url, tmp_path) == make_url(url)


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_in_memory_sqlite_is_one_database_across_threads() -> None:
    # The API calls the store from a threadpool; an in-memory test store must still be one DB.
    with Store("sqlite://") as store:
        store.migrate()
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(lambda _: store.list_knowledge_bases(), range(8))) == [[]] * 8
