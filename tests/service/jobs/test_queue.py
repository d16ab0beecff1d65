"""The job queue's Redis connection settings."""

from __future__ import annotations

from pathlib import Path

from arq.connections import RedisSettings

from service.jobs.queue import CONNECT_TIMEOUT_S, redis_settings
from service.settings import Settings


def test_queue_connects_to_the_configured_redis_with_a_patient_connect_timeout(
    tmp_path: Path,
) -> None:
    settings = Settings(
        redis_url="redis://10.0.0.9:6380/2", database_url=f"sqlite:///{tmp_path}/x.db"
    )
    queue = redis_settings(settings)
    assert (queue.host, queue.port, queue.database) == ("10.0.0.9", 6380, 2)
    assert queue.conn_timeout == CONNECT_TIMEOUT_S > RedisSettings().conn_timeout
