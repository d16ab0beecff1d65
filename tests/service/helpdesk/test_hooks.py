"""Webhooks in, drafts out, for every helpdesk, against loopback fakes of their APIs.

The receiver runs in the app (TestClient); the job runs on a real arq worker on the local Redis
(in this process, burst mode), which calls the fake vendor API over HTTP.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from arq import Retry
from fastapi.testclient import TestClient
from sqlalchemy import func, select

import service.jobs.worker
from service.app import create_app
from service.errors import (
    ConfigurationError,
    InvalidRequestError,
    NotFoundError,
    ReplydraftError,
    StorageUnavailableError,
)
from service.helpdesk.context import HelpdeskStores
from service.jobs.delivery import arq_max_tries
from service.jobs.worker import build_worker
from service.runtime import Runtime
from service.settings import Settings, get_settings
from service.storage.helpdesk import Delivery, DeliveryStore
from service.storage.keys import KeyStore
from service.storage.store import Store
from service.storage.tables import DraftRow, HelpdeskDeliveryRow
from service.tenancy import DEFAULT_TENANT
from tests.fakes import front_server, zendesk_server
from tests.service.conftest import en_request
from tests.service.helpdesk.conftest import (
    SIGNING_SECRET,
    VendorCase,
    helpdesk_settings,
    postgres_url,
)
from tests.service.storage.conftest import pg_base_url  # noqa: F401  (fixture)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Every webhook test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return helpdesk_settings(tmp_path, f"sqlite:///{tmp_path / 'replydraft.db'}")
    return helpdesk_settings(tmp_path, postgres_url(request))


async def run_worker(settings: Settings) -> None:
    """Run an arq worker until the queue (deferred retries included) is empty."""
    worker = build_worker(settings, burst=True, handle_signals=False)
    try:
        await worker.async_run()
    finally:
        await worker.close()


def _count(runtime: Runtime, table: type) -> int:
    with runtime.store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _post(client: TestClient, case: VendorCase, **kwargs: str) -> dict[str, object]:
    body, headers = case.webhook(**kwargs)
    response = client.post(f"/v1/hooks/{case.vendor}", content=body, headers=headers)
    assert response.status_code in (200, 202), response.text
    return dict(response.json())


def _check_written_back(case: VendorCase, written: dict[str, object]) -> str:
    """The write-back is a draft or an internal note, never a public reply; returns its text."""
    if case.vendor == "zendesk":
        assert written["public"] is False
        return str(written["html_body"])
    if case.vendor == "freshdesk":
        assert written["private"] is True
        return str(written["body"])
    if case.vendor == "helpscout":
        assert written["draft"] is True
        assert written["customer"] == {"id": 12}
        return str(written["text"])
    assert written["mode"] == "shared"
    assert written["channel_id"] == "support@example.com"  # where the customer wrote to
    return str(written["body"])


async def test_webhook_drafts_and_delivers_back(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    answer = _post(client, case)
    assert answer["status"] == "queued"
    await run_worker(settings)

    (written,) = case.fake.created
    assert written["ticket_id"] == case.ticket_id
    text = _check_written_back(case, written)
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 1
    draft_id = delivery["draft_id"]
    assert f"https://replydraft.example.com/?draft={draft_id}" in text
    assert "Check before sending" in text
    report = client.get(f"/v1/drafts/{draft_id}").json()
    # The stored copy is masked at rest; its longest line without a placeholder was written back.
    plain = [line for line in report["body"].split("\n") if line.strip() and "<" not in line]
    assert max(plain, key=len)[:40] in html.unescape(text)
    listed = client.get(f"/v1/drafts/{draft_id}/deliveries").json()["deliveries"]
    assert [d["delivery_id"] for d in listed] == [answer["delivery_id"]]


async def test_duplicate_event_makes_one_draft(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    first = _post(client, case)
    second = _post(client, case)
    assert second == {"status": "duplicate", "delivery_id": first["delivery_id"]}
    await run_worker(settings)
    third = _post(client, case)  # after delivery too
    assert third["status"] == "duplicate"
    await run_worker(settings)
    assert len(case.fake.created) == 1
    assert _count(runtime, DraftRow) == 1
    assert _count(runtime, HelpdeskDeliveryRow) == 1


async def test_another_event_makes_another_draft(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    _post(client, case, event_id="evt-1")
    _post(client, case, event_id="evt-2")
    await run_worker(settings)
    assert len(case.fake.created) == 2
    assert _count(runtime, DraftRow) == 2


def test_wrong_signature_is_401_and_logged_without_the_body(
    client: TestClient, runtime: Runtime, case: VendorCase, caplog: pytest.LogCaptureFixture
) -> None:
    body, headers = case.webhook(secret="not-the-secret")
    with caplog.at_level(logging.WARNING):
        response = client.post(f"/v1/hooks/{case.vendor}", content=body, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert _count(runtime, HelpdeskDeliveryRow) == 0
    rejected = [r for r in caplog.records if r.getMessage() == "webhook_rejected"]
    assert len(rejected) == 1
    standard = logging.makeLogRecord({}).__dict__.keys() | {"message", "asctime"}
    extra = {k: v for k, v in rejected[0].__dict__.items() if k not in standard}
    assert extra == {"vendor": case.vendor, "reason": "signature", "bytes": len(body)}


def test_missing_signature_is_401(client: TestClient, case: VendorCase) -> None:
    body, _headers = case.webhook()
    response = client.post(
        f"/v1/hooks/{case.vendor}", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401


async def test_outage_is_retried_then_failed_and_the_draft_kept(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    method, path_part = case.delivery
    case.fake.fail(method, path_part, times=10, status=500)
    answer = _post(client, case)
    await run_worker(settings)

    assert case.fake.created == []
    assert len(case.fake.calls(method, path_part)) == settings.helpdesk_max_attempts
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == settings.helpdesk_max_attempts
    assert delivery["last_http_status"] == 500
    assert client.get(f"/v1/drafts/{delivery['draft_id']}").status_code == 200
    assert _count(runtime, DraftRow) == 1  # drafted once, not once per attempt


async def test_429_waits_for_retry_after(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    method, path_part = case.delivery
    case.fake.fail(method, path_part, times=1, status=429, retry_after="1")
    answer = _post(client, case)
    started = time.monotonic()
    await run_worker(settings)

    calls = case.fake.calls(method, path_part)
    assert len(calls) == 2
    assert time.monotonic() - started >= 1.0
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 2
    assert len(case.fake.created) == 1


async def test_outage_while_reading_the_ticket_is_retried(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    case.fake.fail("GET", "/", times=1, status=503)
    answer = _post(client, case)
    await run_worker(settings)
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert delivery["status"] == "delivered"
    assert delivery["attempts"] == 2


def test_webhook_without_integration_is_404(client: TestClient) -> None:
    response = client.post("/v1/hooks/zendesk", content=b"{}")
    assert response.status_code == 404


def test_unknown_helpdesk_is_422(client: TestClient) -> None:
    response = client.post("/v1/hooks/kayako", content=b"{}")
    assert response.status_code == 422


@pytest.mark.parametrize("case", ["front"], indirect=True)
def test_front_url_validation_challenge_is_echoed(
    client: TestClient, runtime: Runtime, case: VendorCase
) -> None:
    body, headers = front_server.signed_webhook(
        SIGNING_SECRET, {"type": "sync", "authorization": {"id": "cmp_1"}}
    )
    response = client.post(
        "/v1/hooks/front", content=body, headers={**headers, "X-Front-Challenge": "abc123"}
    )
    assert response.status_code == 200
    assert response.json() == {"challenge": "abc123"}
    assert _count(runtime, HelpdeskDeliveryRow) == 0


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
def test_agents_own_comment_is_ignored(
    client: TestClient, runtime: Runtime, case: VendorCase
) -> None:
    event = zendesk_server.comment_added_event(case.ticket_id, "evt-staff")
    event["event"]["comment"]["author"]["is_staff"] = True
    body, headers = zendesk_server.signed_webhook(SIGNING_SECRET, event)
    response = client.post("/v1/hooks/zendesk", content=body, headers=headers)
    assert response.json() == {"status": "ignored"}
    assert _count(runtime, HelpdeskDeliveryRow) == 0


@pytest.mark.parametrize("case", ["freshdesk"], indirect=True)
async def test_queue_outage_is_503_and_the_retried_event_is_delivered(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    down = settings.model_copy(update={"redis_url": "redis://127.0.0.1:9/0"})
    body, headers = case.webhook()
    with TestClient(create_app(down, runtime=runtime), raise_server_exceptions=False) as broken:
        first = broken.post("/v1/hooks/freshdesk", content=body, headers=headers)
    assert first.status_code == 503
    assert first.json()["error"]["code"] == "queue_unavailable"
    retried = client.post("/v1/hooks/freshdesk", content=body, headers=headers)  # vendor retry
    assert retried.json()["status"] == "duplicate"
    await run_worker(settings)
    assert len(case.fake.created) == 1


@pytest.mark.parametrize("case", ["front"], indirect=True)
async def test_a_starting_worker_requeues_unfinished_deliveries(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    stores = HelpdeskStores.build(settings, runtime.store.engine)
    delivery, _ = stores.deliveries.open(
        "front", "evt-lost", case.ticket_id, tenant="default"
    )  # never enqueued
    await run_worker(settings)
    assert stores.deliveries.get(delivery.id).status == "delivered"
    assert len(case.fake.created) == 1


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_our_own_failure_is_retried_then_recorded(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"n": 0}
    real_draft = Runtime.draft

    async def flaky_draft(self: Runtime, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:
            raise StorageUnavailableError("database unavailable (OperationalError)")
        return await real_draft(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Runtime, "draft", flaky_draft)
    answer = _post(client, case)
    await run_worker(settings)
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 2)
    assert len(case.fake.created) == 1


@pytest.mark.slow
@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_an_attempt_timed_out_while_storing_its_draft_delivers_that_draft(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The job's deadline passes while the draft is written: retried, and still one draft.

    The write outlives the attempt; the delivery records the draft in the write's own
    transaction, so the retry delivers it instead of drafting again.
    """
    settings = settings.model_copy(update={"helpdesk_job_timeout_s": 2.0})
    real_save, real_wait = Store.save_draft, Runtime.finish_own_writes
    saves = {"n": 0}
    deadline_passed = threading.Event()

    def slow_first_save(self: Store, *args: Any, **kwargs: Any) -> None:
        saves["n"] += 1
        if saves["n"] == 1:  # in the write's worker thread: held until the deadline has passed
            assert deadline_passed.wait(timeout=30)
        real_save(self, *args, **kwargs)

    async def wait_after_the_deadline(self: Runtime, timeout_s: float) -> int:
        deadline_passed.set()  # the attempt timed out and now waits for its write
        return await real_wait(self, timeout_s)

    monkeypatch.setattr(Store, "save_draft", slow_first_save)
    monkeypatch.setattr(Runtime, "finish_own_writes", wait_after_the_deadline)
    answer = _post(client, case)
    await run_worker(settings)

    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 2)
    assert saves["n"] == 1
    assert _count(runtime, DraftRow) == 1
    (written,) = case.fake.created
    assert delivery["draft_id"] in str(written["html_body"])


@pytest.mark.slow
@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_the_deadline_runs_from_the_attempts_start_reading_the_delivery_included(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A database slow to return the delivery: the attempt still ends at its deadline.

    Before, the deadline started after the read, so a slow read came on top of it (and could
    outlast arq's margin, leaving the attempt cancelled unrecorded).
    """
    timeout_s = 2.0
    settings = settings.model_copy(update={"helpdesk_job_timeout_s": timeout_s})
    real_get, real_job = DeliveryStore.get, service.jobs.worker.deliver_draft
    reads = {"n": 0}
    first_try_over = threading.Event()
    tries: list[tuple[float, str]] = []

    def slow_first_read(self: DeliveryStore, delivery_id: str) -> Delivery:
        reads["n"] += 1
        if reads["n"] == 1:  # in the read's worker thread: held until the first try has ended
            first_try_over.wait(timeout=4 * timeout_s)
        return real_get(self, delivery_id)

    async def timed_job(ctx: dict[str, Any], delivery_id: str) -> str:
        started, outcome = time.monotonic(), "retry"
        try:
            outcome = await real_job(ctx, delivery_id)
            return outcome
        finally:
            tries.append((time.monotonic() - started, outcome))
            first_try_over.set()

    answer = _post(client, case)
    # The worker's reads only (the webhook reads the delivery too).
    monkeypatch.setattr(DeliveryStore, "get", slow_first_read)
    monkeypatch.setattr(service.jobs.worker, "deliver_draft", timed_job)
    await run_worker(settings)

    (first_s, first), *_ = tries
    # The first try ended at its deadline, the read still held, and was tried again ...
    assert first == "retry" and first_s < timeout_s + 1.0
    assert [outcome for _, outcome in tries[1:]] == ["delivered"]
    # ... which delivered one draft; the read that timed out was not counted as an attempt.
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)
    assert _count(runtime, DraftRow) == 1 and len(case.fake.created) == 1


@pytest.mark.slow
@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_delivery_never_read_in_time_fails_on_arqs_last_try(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every read of the delivery outlasts the deadline: retried uncounted, waiting longer each
    time, and on arq's last try recorded as failed, not left queued (arq then keeps the job's
    result for an hour, and neither a restart nor a repeated webhook could queue it again)."""
    timeout_s = 0.2
    settings = settings.model_copy(
        update={"helpdesk_job_timeout_s": timeout_s, "helpdesk_max_attempts": 1}
    )
    real_get = DeliveryStore.get
    lock, reads = threading.Lock(), {"started": 0, "done": 0}

    def slow_read(self: DeliveryStore, delivery_id: str) -> Delivery:
        with lock:
            reads["started"] += 1
        try:
            time.sleep(3 * timeout_s)  # in the read's worker thread
            return real_get(self, delivery_id)
        finally:
            with lock:
                reads["done"] += 1

    answer = _post(client, case)
    with monkeypatch.context() as patched, caplog.at_level(logging.INFO):
        patched.setattr(DeliveryStore, "get", slow_read)
        await run_worker(settings)
        for _ in range(50):  # the last held reads finish (they no longer matter)
            if reads["done"] == reads["started"]:
                break
            await asyncio.sleep(0.1)

    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("failed", 0)
    assert delivery["last_error"] == "delivery read timed out"
    assert reads["started"] == arq_max_tries(settings) == 6
    waits = [r.__dict__["defer_s"] for r in caplog.records if r.getMessage() == "delivery_retry"]
    assert len(waits) == 5 and waits == sorted(waits) and waits[-1] > waits[0]
    assert _count(runtime, DraftRow) == 0 and case.fake.created == []


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_vendor_failure_on_arqs_last_try_fails_the_delivery(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """arq's tries before the last were used up uncounted (worker deaths, reads that timed
    out): the vendor's 500 on the last one, with attempts left, fails the delivery. Before, it
    asked arq for a retry arq does not run past its last try, so the delivery stayed drafted
    (unfinished) for good."""
    real_job = service.jobs.worker.deliver_draft
    tries: list[int] = []

    async def uncounted_until_the_last_try(ctx: dict[str, Any], delivery_id: str) -> str:
        tries.append(int(ctx["job_try"]))
        if ctx["job_try"] < arq_max_tries(settings):
            raise Retry(defer=0.01)  # as a read that timed out does: no attempt counted
        return await real_job(ctx, delivery_id)

    method, path_part = case.delivery
    case.fake.fail(method, path_part, times=10, status=500)
    answer = _post(client, case)
    monkeypatch.setattr(service.jobs.worker, "deliver_draft", uncounted_until_the_last_try)
    await run_worker(settings)

    assert tries == list(range(1, arq_max_tries(settings) + 1))
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert delivery["attempts"] == 1 < settings.helpdesk_max_attempts
    assert (delivery["status"], delivery["last_http_status"]) == ("failed", 500)
    assert delivery["last_error"] and len(case.fake.calls(method, path_part)) == 1
    assert client.get(f"/v1/drafts/{delivery['draft_id']}").status_code == 200


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
@pytest.mark.parametrize(
    "error", [InvalidRequestError("ticket has no messages"), NotFoundError("integration gone")]
)
async def test_a_hopeless_attempt_never_overwrites_a_delivery_made_final_meanwhile(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
    error: ReplydraftError,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another run delivered it while this attempt drafted; then this attempt fails in a way
    not worth retrying. The delivery stays as that run left it (it used to become failed),
    and the attempt says so: no "delivery_failed" logged for a delivered row."""
    deliveries = DeliveryStore(runtime.store.engine)

    async def delivered_meanwhile(self: Runtime, *args: object, **kwargs: object) -> object:
        for delivery in deliveries.pending():
            deliveries.update(delivery.id, status="delivered", attempts=1, vendor_ref="note-1")
        raise error

    monkeypatch.setattr(Runtime, "draft", delivered_meanwhile)
    answer = _post(client, case)
    with caplog.at_level(logging.INFO):
        await run_worker(settings)
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 1)
    assert delivery["last_error"] is None
    events = [r.getMessage() for r in caplog.records if r.name == "service.jobs.delivery"]
    assert "delivery_failed" not in events
    [final] = [r for r in caplog.records if r.getMessage() == "delivery_already_final"]
    assert final.__dict__["status"] == "delivered"


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_hopeless_attempt_fails_an_unfinished_delivery(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def hopeless(self: Runtime, *args: object, **kwargs: object) -> object:
        raise InvalidRequestError("ticket has no messages")

    monkeypatch.setattr(Runtime, "draft", hopeless)
    answer = _post(client, case)
    await run_worker(settings)
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("failed", 1)
    assert delivery["last_error"] == "invalid_request" and case.fake.created == []


def _job_results(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What each try of the delivery job returned (a try that asked for a retry adds none)."""
    real_job, results = service.jobs.worker.deliver_draft, []

    async def recorded_job(ctx: dict[str, Any], delivery_id: str) -> str:
        results.append(await real_job(ctx, delivery_id))
        return results[-1]

    monkeypatch.setattr(service.jobs.worker, "deliver_draft", recorded_job)
    return results


def _events(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "service.jobs.delivery"]


@pytest.mark.slow
@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_read_timed_out_on_the_last_try_reports_the_final_status_another_run_left(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """arq's last try cannot read the delivery in time, and another run delivered it while the
    read was held: the row stays delivered and the job says "delivered" (it said "failed" and
    logged delivery_failed for a delivered row)."""
    timeout_s = 0.3
    settings = settings.model_copy(update={"helpdesk_job_timeout_s": timeout_s})
    real_get, real_job = DeliveryStore.get, service.jobs.worker.deliver_draft
    held = threading.Event()

    def delivered_during_a_slow_read(self: DeliveryStore, delivery_id: str) -> Delivery:
        with runtime.store.engine.begin() as connection:  # the other run's write
            DeliveryStore.update_in(
                connection, delivery_id, status="delivered", attempts=1, vendor_ref="note-1"
            )
        held.wait(timeout=3 * timeout_s)  # in the read's worker thread: past the deadline
        return real_get(self, delivery_id)

    async def uncounted_until_the_last_try(ctx: dict[str, Any], delivery_id: str) -> str:
        if ctx["job_try"] < arq_max_tries(settings):
            raise Retry(defer=0.01)  # as a read that timed out does: no attempt counted
        return await real_job(ctx, delivery_id)

    answer = _post(client, case)
    monkeypatch.setattr(service.jobs.worker, "deliver_draft", uncounted_until_the_last_try)
    results = _job_results(monkeypatch)
    with monkeypatch.context() as patched, caplog.at_level(logging.INFO):
        patched.setattr(DeliveryStore, "get", delivered_during_a_slow_read)
        await run_worker(settings)
        held.set()
        await asyncio.sleep(0.1)

    assert results == ["delivered"]
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"], delivery["vendor_ref"]) == (
        "delivered",
        1,
        "note-1",
    )
    assert delivery["last_error"] is None
    assert "delivery_failed" not in _events(caplog)
    [final] = [r for r in caplog.records if r.getMessage() == "delivery_already_final"]
    assert final.__dict__["status"] == "delivered"


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_delivering_never_overwrites_another_runs_delivery(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another run delivered while this attempt drafted and wrote back: this attempt's
    "delivered" update leaves that run's record (it overwrote status, attempts and vendor
    reference), and the job reports the row's status."""
    deliveries = DeliveryStore(runtime.store.engine)
    real_draft = Runtime.draft

    async def delivered_meanwhile(self: Runtime, *args: Any, **kwargs: Any) -> Any:
        report = await real_draft(self, *args, **kwargs)
        for delivery in deliveries.pending():
            deliveries.update(delivery.id, status="delivered", attempts=3, vendor_ref="note-other")
        return report

    monkeypatch.setattr(Runtime, "draft", delivered_meanwhile)
    results = _job_results(monkeypatch)
    answer = _post(client, case)
    with caplog.at_level(logging.INFO):
        await run_worker(settings)

    assert len(case.fake.created) == 1  # this attempt did write back
    assert results == ["delivered"]
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"], delivery["vendor_ref"]) == (
        "delivered",
        3,
        "note-other",
    )
    assert "delivery_done" not in _events(caplog)
    [final] = [r for r in caplog.records if r.getMessage() == "delivery_already_final"]
    assert final.__dict__["status"] == "delivered"


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_delivering_wins_over_a_run_that_gave_up_meanwhile(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another run gave up (failed) while this attempt drafted and posted its note: the note is
    in the helpdesk, so the delivery is recorded delivered with this note's vendor reference
    (the branch's first cut left it failed with no reference, hiding a real delivery)."""
    deliveries = DeliveryStore(runtime.store.engine)
    real_draft = Runtime.draft

    async def gave_up_meanwhile(self: Runtime, *args: Any, **kwargs: Any) -> Any:
        report = await real_draft(self, *args, **kwargs)
        for delivery in deliveries.pending():
            deliveries.fail_unfinished(delivery.id, "HTTP 500", attempts=3, last_http_status=500)
        return report

    monkeypatch.setattr(Runtime, "draft", gave_up_meanwhile)
    results = _job_results(monkeypatch)
    answer = _post(client, case)
    with caplog.at_level(logging.INFO):
        await run_worker(settings)

    assert len(case.fake.created) == 1
    assert results == ["delivered"]
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"]) == ("delivered", 3)
    assert delivery["vendor_ref"] is not None
    assert (delivery["last_http_status"], delivery["last_error"]) == (None, None)
    assert "delivery_done" in _events(caplog)
    assert "delivery_already_final" not in _events(caplog)


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_retryable_failure_never_writes_over_a_delivery_made_final_meanwhile(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The vendor answers 500 (worth a retry, attempts left) after another run delivered: the
    retry bookkeeping leaves the delivered row alone (it wrote attempts, HTTP status and error
    over it) and nothing is retried; the job reports "delivered"."""
    deliveries = DeliveryStore(runtime.store.engine)
    real_draft = Runtime.draft

    async def delivered_meanwhile(self: Runtime, *args: Any, **kwargs: Any) -> Any:
        report = await real_draft(self, *args, **kwargs)
        for delivery in deliveries.pending():
            deliveries.update(delivery.id, status="delivered", attempts=1, vendor_ref="note-1")
        return report

    method, path_part = case.delivery
    case.fake.fail(method, path_part, times=10, status=500)
    monkeypatch.setattr(Runtime, "draft", delivered_meanwhile)
    results = _job_results(monkeypatch)
    answer = _post(client, case)
    with caplog.at_level(logging.INFO):
        await run_worker(settings)

    assert results == ["delivered"]
    assert len(case.fake.calls(method, path_part)) == 1  # not retried
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["attempts"], delivery["vendor_ref"]) == (
        "delivered",
        1,
        "note-1",
    )
    assert (delivery["last_http_status"], delivery["last_error"]) == (None, None)
    assert "delivery_retry" not in _events(caplog)


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_deliveries_are_404_for_a_key_of_another_tenant(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    """A webhook's delivery and draft are the helpdesk tenant's: another tenant's key gets the
    answers of unknown ids (it read ticket ids, vendor references and errors before); the
    helpdesk tenant's keys and admins still see them."""
    answer = _post(client, case)
    await run_worker(settings)
    path = f"/v1/deliveries/{answer['delivery_id']}"
    draft_id = client.get(path).json()["draft_id"]
    keys = KeyStore(runtime.store.engine)
    foreign = {"Authorization": f"Bearer {keys.create('agent', 'acme desk', tenant='acme')[1]}"}
    admin = {"Authorization": f"Bearer {keys.create('admin', 'ops')[1]}"}

    refused = client.get(path, headers=foreign)
    assert refused.status_code == 404
    assert refused.json() == client.get("/v1/deliveries/nope", headers=foreign).json()
    listed = client.get(f"/v1/drafts/{draft_id}/deliveries", headers=foreign)
    assert listed.status_code == 404
    assert listed.json() == client.get(f"/v1/drafts/{draft_id}", headers=foreign).json()
    # Negatives: the tenant's own draft lists (no deliveries); admins and the helpdesk
    # tenant's keys read the delivery.
    own = client.post("/v1/drafts", json=en_request(), headers=foreign).json()["draft_id"]
    mine = client.get(f"/v1/drafts/{own}/deliveries", headers=foreign)
    assert (mine.status_code, mine.json()["deliveries"]) == (200, [])
    assert client.get(path, headers=admin).json()["status"] == "delivered"
    assert client.get(path).json()["status"] == "delivered"
    by_admin = client.get(f"/v1/drafts/{draft_id}/deliveries", headers=admin).json()
    assert [d["delivery_id"] for d in by_admin["deliveries"]] == [answer["delivery_id"]]


def test_a_drafts_deliveries_are_404_for_an_unknown_or_foreign_draft_for_every_tenant(
    client: TestClient, runtime: Runtime
) -> None:
    """The listing answers a draft id the caller cannot read as ``GET /v1/drafts/{id}`` does,
    for every tenant: the helpdesk tenant's keys and admins got 200 with no deliveries for an
    unknown id and for another tenant's draft (other tenants got 404). Own drafts still list."""
    keys = KeyStore(runtime.store.engine)
    acme = {"Authorization": f"Bearer {keys.create('agent', 'acme desk', tenant='acme')[1]}"}
    admin = {"Authorization": f"Bearer {keys.create('admin', 'ops')[1]}"}
    acme_draft = client.post("/v1/drafts", json=en_request(), headers=acme).json()["draft_id"]
    own_draft = client.post("/v1/drafts", json=en_request()).json()["draft_id"]
    unknown = "0" * 32
    for headers, draft_id in [
        ({}, unknown),  # the helpdesk (default) tenant's key
        ({}, acme_draft),
        (admin, unknown),
        (acme, unknown),
        (acme, own_draft),
    ]:
        listed = client.get(f"/v1/drafts/{draft_id}/deliveries", headers=headers)
        assert listed.status_code == 404, (headers, draft_id)
        assert listed.json() == client.get(f"/v1/drafts/{draft_id}", headers=headers).json()
        assert listed.json()["error"]["code"] == "not_found"
    for headers, draft_id in [({}, own_draft), (admin, acme_draft), (acme, acme_draft)]:
        listed = client.get(f"/v1/drafts/{draft_id}/deliveries", headers=headers)
        assert (listed.status_code, listed.json()["deliveries"]) == (200, [])


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_webhook_drafts_belong_to_the_configured_helpdesk_tenant(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """REPLYDRAFT_HELPDESK_TENANT names the tenant webhook drafts and deliveries belong to (it
    was always "default": a deployment whose keys all have named tenants saw them only as
    admin); the default tenant's keys then get the answers of unknown ids."""
    monkeypatch.setenv("REPLYDRAFT_HELPDESK_TENANT", "acme")
    acme_settings = Settings(**settings.model_dump(exclude={"helpdesk_tenant"}))
    assert acme_settings.helpdesk_tenant == "acme"
    acme_runtime = Runtime.build(acme_settings)
    keys = KeyStore(runtime.store.engine)
    acme = {"Authorization": f"Bearer {keys.create('agent', 'acme desk', tenant='acme')[1]}"}
    with TestClient(create_app(acme_settings, runtime=acme_runtime)) as acme_client:
        acme_client.headers["Authorization"] = client.headers["Authorization"]  # default's
        answer = _post(acme_client, case)
        await run_worker(acme_settings)
        path = f"/v1/deliveries/{answer['delivery_id']}"
        delivery = acme_client.get(path, headers=acme).json()
        assert delivery["status"] == "delivered"
        draft_id = delivery["draft_id"]
        assert acme_client.get(f"/v1/drafts/{draft_id}", headers=acme).status_code == 200
        listed = acme_client.get(f"/v1/drafts/{draft_id}/deliveries", headers=acme).json()
        assert [d["delivery_id"] for d in listed["deliveries"]] == [answer["delivery_id"]]
        # The default tenant's key: no longer the helpdesk tenant.
        for refused in (path, f"/v1/drafts/{draft_id}", f"/v1/drafts/{draft_id}/deliveries"):
            assert acme_client.get(refused).status_code == 404, refused
    acme_runtime.store.close()


def test_the_helpdesk_tenant_setting_takes_tenant_names_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A malformed REPLYDRAFT_HELPDESK_TENANT is a configuration error naming the variable,
    never its value; unset, it is the default tenant."""
    assert Settings().helpdesk_tenant == DEFAULT_TENANT
    monkeypatch.setenv("REPLYDRAFT_HELPDESK_TENANT", "no such/tenant")
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigurationError) as bad:
            get_settings()
    finally:
        get_settings.cache_clear()
    assert "REPLYDRAFT_HELPDESK_TENANT" in str(bad.value)
    assert "no such" not in str(bad.value)


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_delivered_delivery_names_the_draft_its_note_carries(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another run of the same delivery recorded its own draft while this attempt posted its
    note: the delivery names the draft whose review link is in the helpdesk, and is listed
    under it (it named the other run's draft, and listing this one found nothing)."""
    deliveries = DeliveryStore(runtime.store.engine)
    real_draft = Runtime.draft

    async def another_run_drafted_meanwhile(self: Runtime, *args: Any, **kwargs: Any) -> Any:
        report = await real_draft(self, *args, **kwargs)
        for delivery in deliveries.pending():
            with runtime.store.engine.begin() as connection:
                DeliveryStore.record_draft(
                    connection, delivery.id, "other-run-draft", tenant="default"
                )
        return report

    monkeypatch.setattr(Runtime, "draft", another_run_drafted_meanwhile)
    answer = _post(client, case)
    await run_worker(settings)

    (written,) = case.fake.created
    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert delivery["status"] == "delivered"
    draft_id = delivery["draft_id"]
    assert f"?draft={draft_id}" in _check_written_back(case, written)
    listed = client.get(f"/v1/drafts/{draft_id}/deliveries").json()["deliveries"]
    assert [d["delivery_id"] for d in listed] == [answer["delivery_id"]]


def _switched_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """``settings`` with REPLYDRAFT_HELPDESK_TENANT changed to acme."""
    monkeypatch.setenv("REPLYDRAFT_HELPDESK_TENANT", "acme")
    return Settings(**settings.model_dump(exclude={"helpdesk_tenant"}))


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_helpdesk_tenant_switch_leaves_existing_deliveries_with_their_tenant(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """REPLYDRAFT_HELPDESK_TENANT changed from default to acme: the delivery stays default's,
    as its draft. Deliveries had no tenant, so the switch handed them to acme (its key read
    the delivery by id, and default's listed none under its own draft)."""
    answer = _post(client, case)
    await run_worker(settings)
    path = f"/v1/deliveries/{answer['delivery_id']}"
    draft_id = client.get(path).json()["draft_id"]
    keys = KeyStore(runtime.store.engine)
    acme = {"Authorization": f"Bearer {keys.create('agent', 'acme desk', tenant='acme')[1]}"}
    admin = {"Authorization": f"Bearer {keys.create('admin', 'ops')[1]}"}
    acme_settings = _switched_settings(settings, monkeypatch)
    acme_runtime = Runtime.build(acme_settings)
    try:
        with TestClient(create_app(acme_settings, runtime=acme_runtime)) as switched:
            default = {"Authorization": client.headers["Authorization"]}
            listing = f"/v1/drafts/{draft_id}/deliveries"

            def listed(headers: dict[str, str]) -> tuple[int, Any]:
                response = switched.get(listing, headers=headers)
                draft = switched.get(f"/v1/drafts/{draft_id}", headers=headers)
                assert response.status_code == draft.status_code
                if response.status_code == 404:
                    assert response.json() == draft.json()
                    return 404, None
                return 200, [d["delivery_id"] for d in response.json()["deliveries"]]

            assert listed(default) == (200, [answer["delivery_id"]])
            assert switched.get(path, headers=default).json()["draft_id"] == draft_id
            assert listed(acme) == (404, None)
            refused = switched.get(path, headers=acme)
            assert refused.status_code == 404
            assert refused.json() == switched.get("/v1/deliveries/nope", headers=acme).json()
            assert listed(admin) == (200, [answer["delivery_id"]])
    finally:
        acme_runtime.store.close()


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_an_event_queued_before_a_tenant_switch_is_drafted_for_its_own_tenant(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The event came in for default; the worker runs it after the switch to acme: the draft
    is default's, as its delivery (the worker drafted for the tenant the setting named then)."""
    answer = _post(client, case)
    acme_settings = _switched_settings(settings, monkeypatch)
    await run_worker(acme_settings)
    path = f"/v1/deliveries/{answer['delivery_id']}"
    delivery = client.get(path).json()
    assert delivery["status"] == "delivered"
    assert client.get(f"/v1/drafts/{delivery['draft_id']}").status_code == 200
    keys = KeyStore(runtime.store.engine)
    acme = {"Authorization": f"Bearer {keys.create('agent', 'acme desk', tenant='acme')[1]}"}
    assert client.get(f"/v1/drafts/{delivery['draft_id']}", headers=acme).status_code == 404
    # Negative: an event that comes in after the switch is acme's.
    acme_runtime = Runtime.build(acme_settings)
    try:
        with TestClient(create_app(acme_settings, runtime=acme_runtime)) as switched:
            switched.headers["Authorization"] = client.headers["Authorization"]
            later = _post(switched, case, event_id="evt-after-switch")
            await run_worker(acme_settings)
            later_path = f"/v1/deliveries/{later['delivery_id']}"
            assert switched.get(later_path, headers=acme).json()["status"] == "delivered"
            assert switched.get(later_path).status_code == 404
    finally:
        acme_runtime.store.close()


@pytest.mark.parametrize("case", ["zendesk"], indirect=True)
async def test_a_delivery_queued_with_no_tenant_keeps_its_drafts_tenant(
    client: TestClient,
    runtime: Runtime,
    settings: Settings,
    case: VendorCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A delivery still queued when 0009 ran has no tenant; the worker drafts it for the
    helpdesk tenant of the day (default) and the delivery now keeps it: it stayed null, so a
    later switch to acme handed the delivery (not its draft) to acme."""
    answer = _post(client, case)
    deliveries = DeliveryStore(runtime.store.engine)
    deliveries.update(answer["delivery_id"], tenant=None)  # as 0009 leaves a queued one
    await run_worker(settings)
    drafted = deliveries.get(answer["delivery_id"])
    assert (drafted.status, drafted.tenant) == ("delivered", "default")
    acme_settings = _switched_settings(settings, monkeypatch)
    assert drafted.owner(acme_settings.helpdesk_tenant) == "default"


def _plant_unstorable(value: Any) -> Any:
    """``value`` (a fake's ticket) with a NUL and a lone surrogate in every prose string."""
    if isinstance(value, str) and value.count(" ") >= 3:
        middle = len(value) // 2
        return f"{value[:middle]}\x00\ud83d{value[middle:]}"
    if isinstance(value, dict):
        return {key: _plant_unstorable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plant_unstorable(item) for item in value]
    return value


async def test_a_ticket_with_a_nul_read_from_the_helpdesk_is_drafted_and_delivered(
    client: TestClient, runtime: Runtime, settings: Settings, case: VendorCase
) -> None:
    # A customer's message with a NUL (or a lone surrogate) came back from the vendor's API
    # and was refused as an invalid request: the delivery failed at once, and so would every
    # later one on that ticket (each reads the whole thread), with no one able to fix the text.
    case.fake.tickets[case.ticket_id] = _plant_unstorable(case.fake.tickets[case.ticket_id])
    answer = _post(client, case)
    await run_worker(settings)

    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["last_error"]) == ("delivered", None)
    (written,) = case.fake.created
    assert "\x00" not in json.dumps(written) and "\\u0000" not in json.dumps(written)
    stored = client.get(f"/v1/drafts/{delivery['draft_id']}")
    assert stored.status_code == 200
    assert _count(runtime, DraftRow) == 1
