"""Per-key rate limits: 429 with Retry-After past the limit, counted per key, shared in Redis."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.errors import ConfigurationError, RateLimitedError
from service.rate_limit import KeyRateLimiter
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.loopback import REDIS_URL, redis_available


def test_past_the_limit_is_429_with_retry_after(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", data_dir=tmp_path, rate_limit="3/minute"
    )
    runtime = Runtime.build(settings)
    store = KeyStore(runtime.store.engine)
    first = {"X-API-Key": store.create("auditor", "one")[1]}
    second = {"X-API-Key": store.create("auditor", "two")[1]}
    with TestClient(create_app(settings, runtime=runtime)) as client:
        codes = [client.get("/v1/audit/verify", headers=first).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.get("/v1/audit/verify", headers=first)
        assert refused.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        # Another key has its own window.
        assert client.get("/v1/audit/verify", headers=second).status_code == 200
    runtime.store.close()


def test_a_bad_rate_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="REPLYDRAFT_RATE_LIMIT"):
        KeyRateLimiter("lots")


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_two_limiters_on_redis_share_one_window() -> None:
    """Two worker processes each build a limiter; through Redis they count together."""
    key = f"test-{uuid.uuid4().hex}"
    worker_a = KeyRateLimiter("2/minute", REDIS_URL)
    worker_b = KeyRateLimiter("2/minute", REDIS_URL)
    assert worker_a.shared and worker_b.shared
    worker_a.check(key)
    worker_b.check(key)
    with pytest.raises(RateLimitedError) as refused:
        worker_a.check(key)
    assert refused.value.headers["Retry-After"].isdigit()


def test_an_unreachable_redis_lets_requests_through(caplog: pytest.LogCaptureFixture) -> None:
    limiter = KeyRateLimiter("1/minute", "redis://127.0.0.1:1/0")
    limiter.check("k")
    limiter.check("k")  # would be refused if it counted; the store is down, so it fails open
    assert "rate_limit_unavailable" in caplog.text
