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


async def test_a_request_cancelled_while_its_copies_wait_for_a_thread_still_stores_them(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under load the stored copies wait for a free worker thread; a client that leaves then
    # cancels the request. Here the only worker thread is busy when the copies are queued.
    runtime = fake_model_runtime(tmp_path, server.api_base)
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=1))
    busy, drafted = threading.Event(), asyncio.Event()
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
    busy.set()
    draft_id = made[0].report.draft_id
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
