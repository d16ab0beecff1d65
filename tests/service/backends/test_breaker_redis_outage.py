"""The shared breaker when its Redis hangs or refuses: one timeout per cool-down, not per call.

The breaker's Redis calls run on the event loop. A Redis that accepted connections and never
answered cost each request three 0.5 s socket timeouts (admit, marks, the outcome), one
request after another: 30 concurrent requests took 45 s. Now a refused connection or two
timeouts in a row skip Redis for ``REPLYDRAFT_LLM_BREAKER_STORE_COOLDOWN_S`` (calls go
through, reports say ``unknown``, as with a Redis that refuses), then one probe decides; one
slow reply skips nothing. Redis calls are counted (connections
taken from the client's pool), and times compared with N x the timeout, never a fixed bound.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest

from service.backends.base import ChatMessage, ModelRequest
from service.backends.breaker import CircuitBreaker, RedisBreakerStore, breaker_from
from service.backends.litellm_backend import LiteLLMBackend
from service.backends.litellm_env import load_litellm
from tests.fakes.openai_server import FakeOpenAIServer
from tests.fakes.tcp_proxy import TcpProxy
from tests.loopback import REDIS_URL, free_port, redis_available
from tests.service.backends.test_litellm_backend import INPUTS

REQUEST = ModelRequest(messages=(ChatMessage("user", "Say hello"),), inputs=INPUTS)
MODEL = "openai/fake-model"
SOCKET_TIMEOUT_S = 0.5  # RedisBreakerStore's socket timeout
REDIS_ADDRESS = ("127.0.0.1", 6379)


@pytest.fixture
def hung_redis() -> Iterator[TcpProxy]:
    """A server that accepts connections and never answers (a proxy stalled from the start)."""
    with TcpProxy(REDIS_ADDRESS) as proxy:
        proxy.stall()
        yield proxy


def _url(proxy: TcpProxy) -> str:
    return f"redis://127.0.0.1:{proxy.port}/0"


def _counted(breaker: CircuitBreaker) -> list[int]:
    """Count the Redis calls the breaker makes (each takes a connection from the pool)."""
    store = breaker.store
    assert isinstance(store, RedisBreakerStore)
    pool = store._redis.connection_pool
    real = pool.get_connection
    calls = [0]

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return real(*args, **kwargs)

    pool.get_connection = counted
    return calls


async def _drafted(api_base: str, breaker: CircuitBreaker, requests: int) -> float:
    """Seconds ``requests`` concurrent drafts took through ``breaker``; each must be drafted."""
    backend = LiteLLMBackend(
        MODEL, api_base=api_base, api_key="test-key", max_attempts=1, breaker=breaker
    )
    started = time.perf_counter()
    outcomes = await asyncio.gather(*(backend.complete(REQUEST) for _ in range(requests)))
    elapsed = time.perf_counter() - started
    assert [o.text for o in outcomes] == ["Hello from the fake model."] * requests
    return elapsed


async def test_concurrent_drafts_against_a_hung_redis_cost_one_timeout_not_one_each(
    hung_redis: TcpProxy,
) -> None:
    load_litellm()  # its import (seconds) must not be in the timed part
    requests = 10
    breaker = breaker_from(_url(hung_redis), threshold=3, cooldown_s=30, store_cooldown_s=60)
    calls = _counted(breaker)
    with FakeOpenAIServer() as server:
        await _drafted(server.api_base, breaker_from(None, threshold=3, cooldown_s=30), 2)
        in_process = await _drafted(
            server.api_base, breaker_from(None, threshold=3, cooldown_s=30), requests
        )
        # Every draft still comes from the model: an unreadable store lets calls through.
        hung = await _drafted(server.api_base, breaker, requests)
    # Before: three Redis calls a request, each waiting out the socket timeout (30 calls, 15 s
    # more than the same drafts with an in-process breaker).
    assert calls[0] <= 2
    assert hung < in_process + requests * SOCKET_TIMEOUT_S / 2
    assert breaker.states([MODEL]) == {MODEL: "unknown"}  # skipped, and reported so


def test_a_refusing_redis_is_asked_once_per_cooldown_and_calls_go_through() -> None:
    breaker = breaker_from(
        f"redis://127.0.0.1:{free_port()}/0", threshold=1, cooldown_s=30, store_cooldown_s=60
    )
    calls = _counted(breaker)
    for _ in range(10):
        admission = breaker.admit(MODEL)
        assert admission is not None and admission.trial is None
        breaker.record_cut(MODEL, breaker.marks(MODEL))
    assert breaker.states([MODEL]) == {MODEL: "unknown"}
    assert breaker.state(MODEL) == "closed"
    assert calls[0] == 1  # before: every call tried to connect (32)


def test_threads_sharing_the_breaker_wait_for_a_hung_redis_once_each_at_most(
    hung_redis: TcpProxy,
) -> None:
    # The one process-wide breaker is used from several threads and event loops: those in
    # flight when Redis hung wait once each, then nobody waits until the cool-down ends.
    threads, rounds = 4, 5
    breaker = breaker_from(_url(hung_redis), threshold=1, cooldown_s=30, store_cooldown_s=60)
    calls = _counted(breaker)

    def requests() -> None:
        for _ in range(rounds):
            breaker.admit(MODEL)
            breaker.record_success(MODEL)

    workers = [threading.Thread(target=requests) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    # Each thread's first call waits; the first to time out may start its next call before a
    # second timeout begins the skip (two in a row make an outage): one more at most.
    assert calls[0] <= threads + 1  # before: every call of every thread (40)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_after_the_cooldown_a_probe_finds_redis_back_and_it_is_shared_again() -> None:
    model = "openai/outage-probe-model"
    other_worker = breaker_from(REDIS_URL, threshold=1, cooldown_s=60)
    other_worker.record_success(model)  # closed, whatever an earlier run left
    with TcpProxy(REDIS_ADDRESS) as proxy:
        breaker = breaker_from(_url(proxy), threshold=1, cooldown_s=60, store_cooldown_s=5)
        assert isinstance(breaker.store, RedisBreakerStore)
        now = [1000.0]
        breaker.store.outage.clock = lambda: now[0]
        calls = _counted(breaker)
        assert breaker.states([model]) == {model: "closed"}  # healthy: read through the proxy

        proxy.stall()
        for _ in range(2):  # two timeouts in a row: a hung store
            assert breaker.admit(model) is not None  # waited one timeout, then let through
        proxy.unstall()
        other_worker.record_failure(model)  # another worker opens the model's breaker
        now[0] += 4.9
        # Still in the cool-down: not asked, so not seen.
        assert breaker.states([model]) == {model: "unknown"}
        assert breaker.admit(model) is not None
        asked = calls[0]

        now[0] += 0.2
        assert breaker.states([model]) == {model: "open"}  # the probe: Redis is back
        assert breaker.admit(model) is None  # and decides again: skipped, as every worker
        assert calls[0] == asked + 2
    other_worker.record_success(model)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_one_slow_reply_from_a_healthy_redis_skips_nothing() -> None:
    # One reply slower than the socket timeout skipped Redis for the whole store cool-down:
    # meanwhile every call was admitted to a breaker other workers saw open, and this
    # worker's failures went uncounted.
    model = "openai/outage-slow-reply-model"
    other_worker = breaker_from(REDIS_URL, threshold=1, cooldown_s=60)
    other_worker.record_success(model)
    with TcpProxy(REDIS_ADDRESS) as proxy:
        breaker = breaker_from(_url(proxy), threshold=2, cooldown_s=60, store_cooldown_s=60)
        proxy.stall()
        assert breaker.admit(model) is not None  # one reply not in time: let through
        proxy.unstall()
        breaker.record_failure(model)
        breaker.record_failure(model)  # counted in Redis: the breaker opens for every worker
        assert other_worker.admit(model) is None
        # and this worker reads it so (a skipped store would have let the call through)
        assert breaker.admit(model) is None
    other_worker.record_success(model)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_a_healthy_redis_is_asked_on_every_call() -> None:
    # The negative: no failure, no skipping (every decision reads the shared store).
    breaker = breaker_from(REDIS_URL, threshold=2, cooldown_s=60, store_cooldown_s=60)
    calls = _counted(breaker)
    model = "openai/outage-healthy-model"
    breaker.record_success(model)
    for _ in range(5):
        assert breaker.admit(model) is not None
        breaker.record_success(model)
    assert calls[0] == 11
    breaker.record_failure(model)
    breaker.record_failure(model)
    assert breaker.admit(model) is None
    breaker.record_success(model)
