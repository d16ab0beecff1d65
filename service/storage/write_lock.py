"""One writer at a time on a SQLite file, queued in the kernel rather than in SQLite's sleeps.

SQLite lets one connection write at a time; a connection that finds the file locked sleeps
and retries (its busy handler: steps of 1 to 100 ms, longer ones as the wait grows), so the
lock often sits free while its waiters sleep. With the hot writers of two worker processes
(the audit append and its draft, every request) that made a write's tail far longer than
the write: 12 writers in 2 processes, each writing every ~20 ms, p50 12-24 ms but p95
270-560 ms and p99 1-2 s (``AuditLog.append``, SQLite in WAL mode).

Writers that take ``WriteLock`` first wait instead on a thread lock inside the process and
on an advisory ``flock`` on a file beside the database across processes (polled every 0.5 ms,
for at most SQLite's own 5 s busy timeout), and take their turn within half a millisecond of
the previous writer's commit: SQLite's own lock is then free when they ask for it.
Only the writers that hold this lock are queued this way; another writer (an import, a key
change) still meets SQLite's busy handler, as before. The lock file is ``<database>-lock``;
a process that dies releases its ``flock`` with it.

PostgreSQL needs none of this: a transaction waiting on a row lock is woken when it is free.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from service.errors import StorageUnavailableError
from service.storage.engine import BUSY_TIMEOUT_S


def lock_timeout_error() -> StorageUnavailableError:
    """What a writer gets after waiting the lock timeout for its turn (the lock or its group)."""
    return StorageUnavailableError("database unavailable (write lock timeout)")


try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: SQLite's busy handler alone there
    fcntl = None  # type: ignore[assignment]

# How often the process's one waiting writer retries the file lock (the others wait on the
# thread lock): a short poll, so that the wait stays bounded like SQLite's busy timeout.
_POLL_S = 0.0005


class WriteLock:
    """A lock on one SQLite database file for the writers of every process using it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._threads = threading.Lock()
        self._fd: int | None = None

    @contextmanager
    def held(self, timeout_s: float = BUSY_TIMEOUT_S) -> Iterator[None]:
        """Hold the lock; StorageUnavailableError after ``timeout_s`` of waiting."""
        deadline = time.monotonic() + timeout_s
        if not self._threads.acquire(timeout=timeout_s):
            raise lock_timeout_error()
        try:
            fd = self._file()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise lock_timeout_error() from None
                    time.sleep(_POLL_S)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _file(self) -> int:
        # Opened on first use, once per process (locks belong to the open file, not the path).
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd


_locks: dict[Path, WriteLock] = {}
_locks_guard = threading.Lock()


def write_lock_for(engine: Engine) -> WriteLock | None:
    """The process's ``WriteLock`` for ``engine``'s SQLite file; None for any other store.

    None too for an in-memory SQLite database (one process, one shared connection) and
    where ``fcntl`` is missing.
    """
    url = engine.url
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or fcntl is None:
        return None
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    path = Path(f"{Path(database).resolve()}-lock")
    with _locks_guard:
        return _locks.setdefault(path, WriteLock(path))
