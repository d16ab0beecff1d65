"""Engine construction: URL resolution and per-backend connection settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

_MEMORY = ("", ":memory:")
# How long a SQLite writer waits for the file's write lock before the request fails (503).
BUSY_TIMEOUT_S = 5.0


def resolve_url(url: str | URL, data_dir: Path) -> URL:
    """Return ``url`` with a relative SQLite file path made absolute under ``data_dir``."""
    parsed = make_url(url)
    database = parsed.database or ""
    if not _is_sqlite(parsed) or database in _MEMORY or database.startswith("file:"):
        return parsed
    path = Path(database)
    if not path.is_absolute():
        path = data_dir / path
    return parsed.set(database=str(path.resolve()))


def build_engine(url: str | URL) -> Engine:
    """Create an engine tuned for the backend (WAL and foreign keys on SQLite, pre-ping on PG)."""
    parsed = make_url(url)
    # hide_parameters keeps customer text out of exception messages and logs.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if _is_sqlite(parsed):
        if (parsed.database or "") in _MEMORY:
            # One shared connection, or every checkout would see its own empty database.
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        # Fail fast so /readyz and callers see an outage instead of hanging.
        kwargs["connect_args"] = {"connect_timeout": 5}
    return create_engine(parsed, pool_pre_ping=True, **kwargs)


def _is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets readers proceed while the API thread pool writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    finally:
        cursor.close()
