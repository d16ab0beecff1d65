"""A draft's stored copy and audit records are written even when its request is cancelled.

Once the model has drafted, masked text of the request has left the process: the records of
what was sent, and the stored draft, must not depend on the client staying until the end.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from service.models import DraftReport, DraftRequest
from service.pipeline.drafting import DraftOutcome
from service.runtime import Runtime
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import fake_model_runtime
from tests.service.conftest import en_request


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(text="Hi Maria,\n\nWe refund the duplicate charge.\n\nSam")
        yield fake


async def _stored(runtime: Runtime, draft_id: str) -> DraftReport:
    """The stored copy of ``draft_id``, waiting (bounded) for a write still in flight."""
    for _ in range(200):
        try:
            return await asyncio.to_thread(runtime.store.get_draft, draft_id)
        except Exception:  # noqa: BLE001 - not written yet
            await asyncio.sleep(0.05)
    raise AssertionError("the draft was never stored")


async def _cancelled_while_queued(
    tmp_path: Path, api_base: str, monkeypatch: pytest.MonkeyPatch, busy: threading.Event
) -> tuple[Runtime, str]:
    """Draft, occupy the only worker thread until ``busy``, cancel the request.

    Returns the runtime and the draft's id.
    """
    runtime = fake_model_runtime(tmp_path, api_base)
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=1))
    drafted = asyncio.Event()
    made: list[DraftOutcome] = []
    draft = runtime.pipeline.draft

    async def draft_then_occupy_the_thread(*args: object, **kwargs: object) -> DraftOutcome:
        outcome = await draft(*args, **kwargs)  # type: ignore[arg-type]
        made.append(outcome)
        loop.run_in_executor(None, busy.wait, 10)
        drafted.set()
        return outcome

    monkeypatch.setattr(runtime.pipeline, "draft", draft_then_occupy_the_thread)
    task = asyncio.create_task(runtime.draft(DraftRequest.model_validate(en_request())))
    await drafted.wait()
    for _ in range(5):
        await asyncio.sleep(0)  # the copies are queued behind the busy thread
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    return runtime, made[0].report.draft_id


async def test_a_request_cancelled_while_its_copies_wait_for_a_thread_still_stores_them(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under load the stored copies wait for a free worker thread; a client that leaves then
    # cancels the request. Here the only worker thread is busy when the copies are queued.
    busy = threading.Event()
    runtime, draft_id = await _cancelled_while_queued(tmp_path, server.api_base, monkeypatch, busy)
    busy.set()
    stored = await _stored(runtime, draft_id)
    assert stored.draft_id == draft_id
    records = runtime.audit.query(draft_id=draft_id).entries
    assert records and all(r.draft_id == draft_id for r in records)
    assert runtime.audit.verify().ok


async def test_a_failed_write_no_request_awaits_is_logged_by_type_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from service.runtime import _log_unawaited_failure

    failed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    failed.set_exception(RuntimeError("Maria Lopez <maria@example.com>"))
    with caplog.at_level("ERROR", logger="service.runtime"):
        _log_unawaited_failure(failed)
    (record,) = caplog.records
    assert record.getMessage() == "stored copies of a cancelled request failed"
    assert record.error == "RuntimeError"  # type: ignore[attr-defined]
    assert "Maria" not in caplog.text


async def test_shutdown_finishes_the_writes_of_cancelled_requests(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loop would cancel a write still queued when it exits; shutdown waits for it first.
    busy = threading.Event()
    runtime, draft_id = await _cancelled_while_queued(tmp_path, server.api_base, monkeypatch, busy)
    threading.Timer(0.2, busy.set).start()
    assert await runtime.finish_writes(timeout_s=10) == 0
    # Stored by the time shutdown returns: no waiting here.
    assert runtime.store.get_draft(draft_id).draft_id == draft_id
    assert runtime.audit.query(draft_id=draft_id).entries


async def test_shutdown_waits_for_writes_only_so_long_and_says_how_many_are_left(
    tmp_path: Path,
    server: FakeOpenAIServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    busy = threading.Event()
    runtime, _ = await _cancelled_while_queued(tmp_path, server.api_base, monkeypatch, busy)
    with caplog.at_level("ERROR", logger="service.runtime"):
        assert await runtime.finish_writes(timeout_s=0.1) == 1
    unfinished = [
        r for r in caplog.records if r.getMessage().startswith("stored copies unfinished")
    ]
    assert [r.writes for r in unfinished] == [1]  # type: ignore[attr-defined]
    busy.set()
    assert await runtime.finish_writes(timeout_s=10) == 0


async def test_a_task_waits_only_for_the_writes_it_started(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A timed-out helpdesk attempt waits for its own draft's write, not for other jobs' writes:
    # the write here was started by the cancelled request's task, not by this one.
    busy = threading.Event()
    runtime, _ = await _cancelled_while_queued(tmp_path, server.api_base, monkeypatch, busy)
    assert await runtime.finish_own_writes(timeout_s=5) == 0
    assert await runtime.finish_writes(timeout_s=0.1) == 1  # still being written
    busy.set()
    assert await runtime.finish_writes(timeout_s=10) == 0


def test_the_app_finishes_pending_writes_when_it_shuts_down(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    from fastapi.testclient import TestClient

    from service.app import create_app

    runtime = fake_model_runtime(tmp_path, server.api_base)
    called: list[float] = []

    async def finish_writes(timeout_s: float = 30.0) -> int:
        called.append(timeout_s)
        return 0

    runtime.finish_writes = finish_writes  # type: ignore[method-assign]
    with TestClient(create_app(runtime.settings, runtime=runtime)):
        assert called == []
    assert called == [30.0]
