"""Putting jobs on the queue (the API side)."""

from __future__ import annotations

from arq import ArqRedis, create_pool
from arq.connections import RedisSettings
from redis.exceptions import RedisError

from service.errors import ReplydraftError
from service.settings import Settings

DELIVER_DRAFT = "deliver_draft"


class QueueUnavailableError(ReplydraftError):
    """Redis (the job queue) cannot be reached (HTTP 503; the helpdesk will retry)."""

    code = "queue_unavailable"
    status_code = 503


# The queue needs a Redis even when nothing else is shared: the local one by default.
DEFAULT_QUEUE_REDIS = "redis://127.0.0.1:6379/0"
CONNECT_TIMEOUT_S = 3


def redis_settings(settings: Settings) -> RedisSettings:
    """The arq connection settings for ``settings.redis_url`` (or the local Redis)."""
    queue = RedisSettings.from_dsn(settings.redis_url or DEFAULT_QUEUE_REDIS)
    # arq's 1 s connect timeout fails a worker's job on a busy host (seen on a loaded 2-core
    # machine); a refused connection still fails at once, so only a slow connect waits longer.
    queue.conn_timeout = CONNECT_TIMEOUT_S
    return queue


def delivery_job_id(delivery_id: str) -> str:
    """The arq job id of a delivery: enqueuing it twice while it exists is a no-op."""
    return f"replydraft:delivery:{delivery_id}"


class JobQueue:
    """Enqueues jobs; connects per call, so no pool outlives the event loop that made it."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    async def enqueue_delivery(self, delivery_id: str) -> None:
        """Queue the delivery job (idempotent per delivery while the job is known to Redis)."""
        try:
            pool: ArqRedis = await create_pool(
                redis_settings(self._settings),
                default_queue_name=self._settings.helpdesk_queue,
                retry=0,
            )
            try:
                await pool.enqueue_job(
                    DELIVER_DRAFT, delivery_id, _job_id=delivery_job_id(delivery_id)
                )
            finally:
                await pool.aclose()
        except (RedisError, OSError) as exc:
            raise QueueUnavailableError(
                f"the job queue is unavailable ({type(exc).__name__})"
            ) from None
