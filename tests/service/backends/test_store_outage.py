"""The shared store's outage guard: skipped for a cool-down after an outage, then one probe."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import redis

from service.backends.store_outage import STORE_COOLDOWN_S, StoreOutage, StoreSkipped
from service.settings import Settings


class Store:
    """A stand-in for Redis: counts the calls that reached it; ``error`` makes them fail."""

    def __init__(self) -> None:
        self.calls = 0
        self.error: Exception | None = None

    def call(self) -> str:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return "answer"


def _guard() -> tuple[StoreOutage, list[float]]:
    now = [1000.0]
    return StoreOutage(5.0, clock=lambda: now[0]), now


def _outcome(outage: StoreOutage, action: Callable[[], str]) -> str:
    try:
        return outage.call(action)
    except StoreSkipped:
        return "skipped"
    except redis.RedisError as exc:
        return type(exc).__name__


def _timed_out_twice(outage: StoreOutage, store: Store) -> None:
    """Begin an outage the way a hung store does: two calls in a row time out."""
    store.error = redis.TimeoutError("read")
    assert [_outcome(outage, store.call) for _ in range(2)] == ["TimeoutError"] * 2


@pytest.mark.parametrize(
    "error",
    [
        redis.ConnectionError("Connection refused"),
        redis.ConnectionError("Connection reset by peer"),
        redis.ConnectionError("Name or service not known"),
        redis.BusyLoadingError("loading"),
    ],
)
def test_a_connection_error_skips_the_store_until_the_cooldown_ends(error: Exception) -> None:
    outage, now = _guard()
    store = Store()
    assert _outcome(outage, store.call) == "answer"
    store.error = error
    assert _outcome(outage, store.call) == type(error).__name__
    assert [_outcome(outage, store.call) for _ in range(20)] == ["skipped"] * 20
    assert store.calls == 2  # none of the 20 reached the store
    now[0] += 4.9
    assert _outcome(outage, store.call) == "skipped"
    assert store.calls == 2


def test_one_timeout_is_a_slow_reply_and_the_store_is_still_asked() -> None:
    # A healthy store's one slow reply skipped it for the cool-down: every call was admitted
    # and failures went uncounted meanwhile, so this worker disagreed about open breakers.
    outage, _ = _guard()
    store = Store()
    for _ in range(3):  # timeouts with an answer between them never run on to an outage
        store.error = redis.TimeoutError("read")
        assert _outcome(outage, store.call) == "TimeoutError"
        store.error = None
        assert [_outcome(outage, store.call) for _ in range(2)] == ["answer"] * 2
    assert store.calls == 9


def test_an_answered_error_between_timeouts_breaks_the_run() -> None:
    # A script or type error is an answer: the store is there, the timeouts are not in a row.
    outage, _ = _guard()
    store = Store()
    for error in (redis.TimeoutError("read"), redis.ResponseError("WRONGTYPE")) * 2:
        store.error = error
        assert _outcome(outage, store.call) == type(error).__name__
    store.error = None
    assert _outcome(outage, store.call) == "answer"
    assert store.calls == 5


def test_two_timeouts_in_a_row_skip_the_store_until_the_cooldown_ends() -> None:
    outage, now = _guard()
    store = Store()
    _timed_out_twice(outage, store)
    store.error = None
    assert [_outcome(outage, store.call) for _ in range(20)] == ["skipped"] * 20
    assert store.calls == 2
    now[0] += 4.9
    assert _outcome(outage, store.call) == "skipped"
    now[0] += 0.1
    assert _outcome(outage, store.call) == "answer"  # the probe
    assert store.calls == 3


def test_after_the_cooldown_one_probe_decides_and_a_healthy_store_is_used_again() -> None:
    outage, now = _guard()
    store = Store()
    _timed_out_twice(outage, store)
    now[0] += 5.0
    # The probe times out: another cool-down at once (one timeout is enough in an outage),
    # counted from the probe's failure.
    assert _outcome(outage, store.call) == "TimeoutError"
    assert _outcome(outage, store.call) == "skipped"
    assert store.calls == 3
    now[0] += 5.0
    store.error = None
    assert _outcome(outage, store.call) == "answer"  # the probe answers: the outage is over
    assert [_outcome(outage, store.call) for _ in range(5)] == ["answer"] * 5
    assert store.calls == 9
    # Over, and forgotten: the next single timeout is a slow reply again, not an outage.
    store.error = redis.TimeoutError("read")
    assert _outcome(outage, store.call) == "TimeoutError"
    store.error = None
    assert _outcome(outage, store.call) == "answer"


def test_while_the_probe_is_in_flight_every_other_caller_is_skipped() -> None:
    outage, now = _guard()
    store = Store()
    _timed_out_twice(outage, store)
    now[0] += 5.0
    store.error = None
    probing, release = threading.Event(), threading.Event()

    def slow_probe() -> str:
        probing.set()
        release.wait(10)
        return store.call()

    prober = threading.Thread(target=_outcome, args=(outage, slow_probe))
    prober.start()
    try:
        assert probing.wait(10)
        others: list[str] = []
        threads = [
            threading.Thread(target=lambda: others.append(_outcome(outage, store.call)))
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert others == ["skipped"] * 8
    finally:
        release.set()
        prober.join(10)
    assert store.calls == 3  # the two timeouts and the probe
    assert _outcome(outage, store.call) == "answer"


def test_an_error_the_store_answers_with_is_no_outage() -> None:
    # A script or type error comes from a store that answers: skipping it would hide nothing.
    outage, _ = _guard()
    store = Store()
    store.error = redis.ResponseError("WRONGTYPE")
    assert [_outcome(outage, store.call) for _ in range(3)] == ["ResponseError"] * 3
    assert store.calls == 3


def test_an_interrupted_probe_leaves_the_next_call_to_probe() -> None:
    # A probe ended by something else (no outcome) must not leave every later call skipped.
    outage, now = _guard()
    store = Store()
    _timed_out_twice(outage, store)
    now[0] += 5.0

    def interrupted() -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        outage.call(interrupted)
    store.error = None
    assert _outcome(outage, store.call) == "answer"


def test_the_setting_defaults_to_the_guards_cooldown() -> None:
    field = Settings.model_fields["llm_breaker_store_cooldown_s"]
    assert field.default == STORE_COOLDOWN_S
