"""The SQLite write lock: writers of several processes take turns; the chain stays whole."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import URL

from service.errors import StorageUnavailableError
from service.storage import Store
from service.storage.audit import AuditLog
from service.storage.tables import DraftRow
from service.storage.write_lock import WriteLock, write_lock_for
from tests.service.storage.test_audit import KEY, decision
from tests.service.storage.test_store import SUMMARY, make_report

PROCESSES, THREADS, APPENDS = 2, 4, 8


def test_only_a_sqlite_file_has_a_write_lock(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    lock = write_lock_for(create_engine(url))
    assert isinstance(lock, WriteLock)
    assert lock.path == Path(f"{(tmp_path / 'a.db').resolve()}-lock")
    # One per file and process: every engine on that file queues its writers on it.
    assert write_lock_for(create_engine(url)) is lock
    assert write_lock_for(create_engine("sqlite://")) is None
    assert write_lock_for(create_engine("postgresql+psycopg://u@127.0.0.1/x")) is None


def test_a_writer_waits_for_the_holder_then_writes(tmp_path: Path) -> None:
    lock = WriteLock(tmp_path / "db-lock")
    # Another open file description on the same file: what another process's lock is.
    holder = os.open(lock.path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with pytest.raises(StorageUnavailableError), lock.held(timeout_s=0.1):
            pytest.fail("the lock was taken while another holder had it")
        threading.Timer(0.2, fcntl.flock, (holder, fcntl.LOCK_UN)).start()
        started = time.monotonic()
        with lock.held(timeout_s=5):
            waited = time.monotonic() - started
        assert 0.15 < waited < 2
    finally:
        os.close(holder)


def _append_from_threads(url: str, process: int) -> None:
    """One worker process: THREADS threads, each appending APPENDS drafts with their audit."""
    with Store(url) as store:
        audit = AuditLog(store.engine, KEY)

        def one_thread(thread: int) -> None:
            for i in range(APPENDS):
                draft_id = f"drf_{process}_{thread}_{i}"
                audit.append(
                    [decision(), decision(f"p{process}t{thread}i{i}@example.com")],
                    request_id=draft_id,
                    draft_id=draft_id,
                    tenant="default",
                    also=lambda connection, d=draft_id: store.save_draft(
                        make_report(d),
                        kind="draft",
                        request_summary=SUMMARY,
                        connection=connection,
                    ),
                )

        threads = [threading.Thread(target=one_thread, args=(t,)) for t in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


@pytest.mark.slow  # two spawned processes importing the service: ~25 s on a shared machine
def test_several_processes_append_and_nothing_is_lost(migrated_url: URL, store: Store) -> None:
    url = migrated_url.render_as_string(hide_password=False)
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_append_from_threads, args=(url, p)) for p in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * PROCESSES
    drafts = PROCESSES * THREADS * APPENDS
    result = AuditLog(store.engine, KEY).verify()
    assert result.ok and result.checked == result.head_seq == 2 * drafts
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(DraftRow)).scalar() == drafts
