"""The worker process: ``replydraft worker`` runs arq on the helpdesk queue.

Run as many as you like against the same Redis and database: each job runs on one worker at a
time, and a job whose worker died is picked up by another after arq's job timeout + 10 s
(``arq_job_timeout_s``: the job's own deadline, ``helpdesk_job_timeout_s``, plus room for a
timed-out attempt to record itself).
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

from arq import ArqRedis, func
from arq.worker import Worker

from service.heap import freeze_startup_heap
from service.jobs.delivery import WRITE_GRACE_S, JobServices, arq_max_tries, deliver_draft
from service.jobs.queue import DELIVER_DRAFT, delivery_job_id, redis_settings
from service.observability import configure_logging
from service.settings import Settings

logger = logging.getLogger(__name__)
# Beyond the grace a timed-out attempt gives its stored draft: recording the attempt itself.
_RECORD_MARGIN_S = 5.0


def arq_job_timeout_s(settings: Settings) -> float:
    """The timeout arq enforces: past the job's own deadline, so a timed-out attempt is recorded.

    The job ends itself at ``helpdesk_job_timeout_s`` and records a failed attempt (retried);
    arq cancelling it outright would leave the delivery queued and unrecorded.
    """
    return settings.helpdesk_job_timeout_s + WRITE_GRACE_S + _RECORD_MARGIN_S


def build_worker(
    settings: Settings,
    *,
    burst: bool = False,
    handle_signals: bool = True,
    freeze_heap: bool = False,
) -> Worker:
    """An arq worker for ``settings`` (``burst``: stop when the queue is empty, for tests).

    ``freeze_heap``: once its start-up has built and warmed up the engines, the process keeps
    them out of the garbage collector's full passes (``service.heap``), as a serving process
    does; for a process that works until it exits (``replydraft worker``), never for tests
    that build workers again and again in one process (a frozen object is never collected).
    """

    async def startup(ctx: dict[str, Any]) -> None:
        services = JobServices.build(settings)
        ctx["services"] = services
        if freeze_heap:
            freeze_startup_heap()
        # Re-queue what is unfinished (an enqueue that failed, a Redis that lost its data):
        # a no-op for jobs arq still knows, thanks to the per-delivery job id.
        redis: ArqRedis = ctx["redis"]
        for delivery in await asyncio.to_thread(services.stores.deliveries.pending):
            await redis.enqueue_job(
                DELIVER_DRAFT, delivery.id, _job_id=delivery_job_id(delivery.id)
            )
        logger.info(
            "worker_ready",
            # Objects kept out of full collections (0: a worker not built to run until exit).
            extra={"queue": settings.helpdesk_queue, "frozen_objects": gc.get_freeze_count()},
        )

    async def shutdown(ctx: dict[str, Any]) -> None:
        services: JobServices | None = ctx.get("services")
        if services is not None:
            await services.http.aclose()
            await services.runtime.finish_writes()
            services.runtime.store.close()

    return Worker(
        functions=[
            # Vendor retries are counted by the delivery; the extra tries cover worker deaths
            # and reads of the delivery that did not finish in time.
            func(deliver_draft, name=DELIVER_DRAFT, max_tries=arq_max_tries(settings))
        ],
        redis_settings=redis_settings(settings),
        queue_name=settings.helpdesk_queue,
        job_timeout=arq_job_timeout_s(settings),
        on_startup=startup,
        on_shutdown=shutdown,
        burst=burst,
        handle_signals=handle_signals,
        poll_delay=0.2,
    )


def run_worker(settings: Settings) -> None:
    """Run a worker until SIGINT/SIGTERM, logging (JSON lines) to standard error.

    The process works until it exits, so its start-up heap is frozen once built.
    """
    configure_logging(settings.log_level)
    build_worker(settings, freeze_heap=True).run()
