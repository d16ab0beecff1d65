"""The delivery job: read the ticket, draft once, write the draft back, record every attempt.

Safe to re-run (a worker may die anywhere): a delivered or failed delivery is left alone, and
once the draft exists (``draft_id`` recorded, in the transaction that stores the draft) a re-run
delivers that draft instead of drafting again. Vendor 429/5xx/network failures, and attempts
longer than ``helpdesk_job_timeout_s``, are retried by arq after a backoff (``Retry-After`` when
the vendor gives one) until ``helpdesk_max_attempts``; then the delivery is recorded as failed
and the draft stays available (``GET /v1/drafts/{id}``). The deadline runs from the attempt's
start: a delivery the database cannot even return within it is tried again unrecorded, with a
backoff that grows with arq's try, on arq's tries (:func:`arq_max_tries`); on the last of those
the delivery is recorded as failed (``delivery read timed out``) instead of being left queued.
A failed attempt on arq's last try is final too, whatever attempts are left: arq runs no try
past its last, so a retry asked for then would leave the delivery queued for good.
Every failure written (an attempt, giving up) is conditional on the delivery being unfinished
(``DeliveryStore.update_unfinished``): one another run made final meanwhile keeps its record,
and the job returns (and logs, ``delivery_already_final``) the status the row really holds.
"delivered" is the true outcome once the note is posted: it is written over a run that gave up
meanwhile ("failed"), never over another run's delivery (``DeliveryStore.deliver``).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import httpx
from arq import Retry
from sqlalchemy import Connection

from service.errors import InvalidRequestError, NotFoundError, ReplydraftError
from service.helpdesk.clients import client_for
from service.helpdesk.context import HelpdeskStores
from service.helpdesk.note import render_note, review_url
from service.helpdesk.vendor_http import VendorError
from service.models import DraftReport
from service.runtime import Runtime
from service.settings import Settings
from service.storage.helpdesk import FINAL_STATUSES, Delivery

logger = logging.getLogger(__name__)
# How long a timed-out attempt waits for its draft's stored copy before giving up its turn;
# arq's own timeout is the job's plus this and a margin (``service.jobs.worker``).
WRITE_GRACE_S = 10.0
# arq's tries beyond the counted attempts: for worker deaths and for reads of the delivery
# that did not finish in time (neither is counted in the delivery's attempts).
ARQ_EXTRA_TRIES = 5
# Why a delivery failed when the database could not return it in time on arq's last try.
READ_TIMED_OUT = "delivery read timed out"


def arq_max_tries(settings: Settings) -> int:
    """How often arq tries one delivery job: the counted attempts plus :data:`ARQ_EXTRA_TRIES`."""
    return settings.helpdesk_max_attempts + ARQ_EXTRA_TRIES


@dataclass
class JobServices:
    """What a worker builds once at start and every job uses."""

    settings: Settings
    runtime: Runtime
    stores: HelpdeskStores
    http: httpx.AsyncClient

    @classmethod
    def build(cls, settings: Settings) -> JobServices:
        """Engines, stores and one HTTP client (timeouts from the settings)."""
        runtime = Runtime.build(settings)
        return cls(
            settings=settings,
            runtime=runtime,
            stores=HelpdeskStores.build(settings, runtime.store.engine),
            http=httpx.AsyncClient(timeout=settings.helpdesk_http_timeout_s),
        )


def backoff_s(settings: Settings, attempt: int, retry_after_s: float | None) -> float:
    """Wait before attempt ``attempt + 1``: the vendor's Retry-After, else doubling."""
    if retry_after_s is not None:
        return min(retry_after_s, settings.helpdesk_backoff_max_s)
    return float(
        min(settings.helpdesk_backoff_s * 2.0 ** (attempt - 1), settings.helpdesk_backoff_max_s)
    )


async def _draft(services: JobServices, delivery: Delivery) -> DraftReport:
    """The delivery's draft: the recorded one, or a new one from the ticket (recorded)."""
    store = services.runtime.store
    if delivery.draft_id is not None:
        return await asyncio.to_thread(store.get_draft, delivery.draft_id)
    integration = await asyncio.to_thread(services.stores.integrations.get, delivery.vendor)
    request = await client_for(integration, services.http).fetch(delivery.ticket_id)
    # The tenant the event came in for (the helpdesk tenant then: integrations serve the whole
    # deployment), not the setting now: a switch must not hand a queued ticket to another.
    tenant = delivery.owner(services.settings.helpdesk_tenant)
    deliveries = services.stores.deliveries

    def record(draft_id: str, connection: Connection) -> None:
        # In the stored draft's own transaction: a job cancelled by arq's timeout while the
        # draft is written (the write goes on, shielded) leaves it recorded here, so the
        # retry delivers it instead of drafting a second one.
        deliveries.record_draft(connection, delivery.id, draft_id, tenant=tenant)

    return await services.runtime.draft(request, tenant=tenant, scope=tenant, with_stored=record)


async def run_delivery(services: JobServices, delivery_id: str, job_try: int = 1) -> str:
    """Run one delivery attempt; returns the status, or raises ``arq.Retry`` to try later.

    The attempt's deadline (``helpdesk_job_timeout_s``) runs from its start, reading the
    delivery included: with a slow database the read alone could otherwise use up arq's
    margin past the deadline, and arq would cancel the attempt unrecorded. ``job_try`` is
    arq's try of this job (1 first): on the last (:func:`arq_max_tries`) nothing is retried.
    """
    deliveries = services.stores.deliveries
    deadline = asyncio.get_running_loop().time() + services.settings.helpdesk_job_timeout_s
    try:
        async with asyncio.timeout_at(deadline):
            delivery = await asyncio.to_thread(deliveries.get, delivery_id)
    except TimeoutError:
        return await _read_timed_out(services, delivery_id, job_try)
    if delivery.status in FINAL_STATUSES:
        return delivery.status
    attempt = delivery.attempts + 1
    try:
        async with asyncio.timeout_at(deadline):
            report = await _draft(services, delivery)
            integration = await asyncio.to_thread(services.stores.integrations.get, delivery.vendor)
            note = render_note(report, review_url(services.settings.public_url, report.draft_id))
            ref = await client_for(integration, services.http).deliver(delivery.ticket_id, note)
    except TimeoutError:
        # The draft may still be being stored (that write outlives the attempt): let it land,
        # recorded on the delivery, so the retry delivers it instead of drafting a second one.
        await services.runtime.finish_own_writes(WRITE_GRACE_S)
        timed_out = VendorError("job timed out")
        return await _failed_attempt(services, delivery, attempt, timed_out, job_try)
    except VendorError as exc:
        return await _failed_attempt(services, delivery, attempt, exc, job_try)
    except (InvalidRequestError, NotFoundError) as exc:
        # The ticket cannot be drafted or the integration is gone: retrying will not help.
        final = await _give_up(services, delivery_id, exc.code, attempts=attempt)
        return _failed_or_final(final, {"delivery_id": delivery_id, "code": exc.code})
    except Exception as exc:  # noqa: BLE001 - the job boundary: never leave a delivery stuck
        # Our side failed (database down, a bug): retried like an outage, then failed. The
        # class name only: a message could quote ticket text.
        reason = exc.code if isinstance(exc, ReplydraftError) else type(exc).__name__
        return await _failed_attempt(services, delivery, attempt, VendorError(reason), job_try)
    # Written over a run that gave up meanwhile (the note is posted), never over a delivery.
    final = await asyncio.to_thread(
        deliveries.deliver, delivery_id, attempts=attempt, vendor_ref=ref, draft_id=report.draft_id
    )
    log = {"delivery_id": delivery_id, "attempts": attempt}
    if final is not None:
        # Another run delivered it while this one did: its record stands.
        return _already_final(final, log)
    logger.info("delivery_done", extra=log)
    return "delivered"


async def _read_timed_out(services: JobServices, delivery_id: str, job_try: int) -> str:
    """The delivery could not be read in time: retry later, or on arq's last try give up.

    Nothing was tried, so no attempt is counted: the retries run on arq's tries, waiting
    longer each time. On the last one the delivery is recorded as failed: arq keeps a
    finished job's result (an hour), and while it does neither a restart nor a repeated
    webhook can queue the delivery again, so a delivery left queued would stay so.
    """
    log: dict[str, Any] = {"delivery_id": delivery_id, "job_try": job_try}
    if job_try < arq_max_tries(services.settings):
        delay = backoff_s(services.settings, job_try, None)
        logger.info("delivery_retry", extra={**log, "defer_s": delay, "reason": READ_TIMED_OUT})
        raise Retry(defer=delay) from None
    try:
        # Within arq's margin past the deadline (``service.jobs.worker``).
        async with asyncio.timeout(WRITE_GRACE_S):
            final = await _give_up(services, delivery_id, READ_TIMED_OUT)
    except Exception as exc:  # noqa: BLE001 - the job boundary: report, never raise past arq
        logger.error("delivery_stuck", extra={**log, "error": type(exc).__name__})
        return "queued"
    return _failed_or_final(final, {**log, "reason": READ_TIMED_OUT})


async def _failed_attempt(
    services: JobServices, delivery: Delivery, attempt: int, exc: VendorError, job_try: int
) -> str:
    """Record a failed attempt; retry later (raise) or give up (failed) as the error allows.

    Given up when the error is not worth retrying, the attempts are used up, or this is arq's
    last try (``job_try``; arq would not run the retry). A delivery given up is recorded as
    failed only if it is still unfinished: one another run made final is left as it is.
    """
    settings = services.settings
    final = (
        not exc.retryable
        or attempt >= settings.helpdesk_max_attempts
        or job_try >= arq_max_tries(settings)
    )
    deliveries = services.stores.deliveries
    values: dict[str, Any] = {"attempts": attempt, "last_http_status": exc.status}
    log = {
        "delivery_id": delivery.id,
        "attempts": attempt,
        "http_status": exc.status,
        "job_try": job_try,
    }
    if final:
        given_up = await _give_up(services, delivery.id, exc.reason[:200], **values)
        return _failed_or_final(given_up, log)
    # Counted only while unfinished: a row another run made final keeps its attempts and
    # error, and is not retried (its status is this job's result).
    already = await asyncio.to_thread(
        deliveries.update_unfinished, delivery.id, last_error=exc.reason[:200], **values
    )
    if already is not None:
        return _already_final(already, log)
    delay = backoff_s(services.settings, attempt, exc.retry_after_s)
    logger.info("delivery_retry", extra={**log, "defer_s": delay})
    raise Retry(defer=delay)


async def _give_up(
    services: JobServices, delivery_id: str, reason: str, **values: Any
) -> str | None:
    """Fail the delivery if still unfinished: None when failed here, else its final status.

    A delivery another run made final meanwhile keeps that run's record (:func:`_failed_or_final`).
    """
    deliveries = services.stores.deliveries
    return await asyncio.to_thread(deliveries.fail_unfinished, delivery_id, reason, **values)


def _failed_or_final(final: str | None, log: dict[str, Any]) -> str:
    """Log and return a given-up delivery's status.

    Failed here when ``final`` is None, else the final status another run left: the job's
    result and log say what the row holds.
    """
    if final is None:
        logger.warning("delivery_failed", extra=log)
        return "failed"
    return _already_final(final, log)


def _already_final(status: str, log: dict[str, Any]) -> str:
    """Log that another run made the delivery final (``status``) and left nothing to write."""
    logger.info("delivery_already_final", extra={**log, "status": status})
    return status


async def deliver_draft(ctx: dict[str, Any], delivery_id: str) -> str:
    """The arq job: ``ctx["services"]`` is built by the worker at start."""
    services: JobServices = ctx["services"]
    return await run_delivery(services, delivery_id, int(ctx.get("job_try", 1)))
