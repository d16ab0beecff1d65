"""The circuit breaker opens after N failures, half-opens after the cool-down, closes on success."""

from __future__ import annotations

import uuid

import pytest

from service.backends.breaker import (
    CircuitBreaker,
    MemoryBreakerStore,
    RedisBreakerStore,
    breaker_from,
)
from tests.loopback import REDIS_URL, redis_available


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_threshold_then_half_opens_and_closes() -> None:
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=3, cooldown_s=30, clock=clock)
    for _ in range(2):
        breaker.record_failure("m")
    assert breaker.state("m") == "closed" and breaker.allow("m")
    breaker.record_failure("m")
    assert breaker.state("m") == "open" and not breaker.allow("m")
    assert breaker.state("other") == "closed"  # per model
    clock.now += 31
    assert breaker.state("m") == "half_open" and breaker.allow("m")
    breaker.record_success("m")
    assert breaker.state("m") == "closed"


def test_a_failed_trial_reopens() -> None:
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=10, clock=clock)
    breaker.record_failure("m")
    clock.now += 11
    assert breaker.state("m") == "half_open"
    breaker.record_failure("m")
    assert breaker.state("m") == "open"


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_two_processes_share_the_breaker_through_redis() -> None:
    model = f"test/{uuid.uuid4().hex}"
    worker_a = breaker_from(REDIS_URL, threshold=2, cooldown_s=60)
    worker_b = breaker_from(REDIS_URL, threshold=2, cooldown_s=60)
    assert isinstance(worker_a.store, RedisBreakerStore)
    worker_a.record_failure(model)
    worker_b.record_failure(model)
    assert worker_a.state(model) == "open" and worker_b.state(model) == "open"
    worker_b.record_success(model)
    assert worker_a.state(model) == "closed"


def test_an_unreachable_redis_keeps_the_breaker_closed() -> None:
    breaker = breaker_from("redis://127.0.0.1:1/0", threshold=1, cooldown_s=60)
    breaker.record_failure("m")  # logged, not raised
    assert breaker.allow("m")


def test_a_report_reads_every_models_state_at_once() -> None:
    clock = _Clock()
    store = MemoryBreakerStore.empty()
    breaker = CircuitBreaker(store, threshold=1, cooldown_s=30, clock=clock)
    breaker.record_failure("a")
    breaker.record_failure("b")
    clock.now += 31  # b half-opens after its cool-down; a is re-opened below
    breaker.record_failure("a")
    assert breaker.states(["a", "b", "c"]) == {"a": "open", "b": "half_open", "c": "closed"}
    assert breaker.states([]) == {}


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_a_report_reads_redis_in_one_round_trip() -> None:
    models = [f"test/{uuid.uuid4().hex}" for _ in range(3)]
    breaker = breaker_from(REDIS_URL, threshold=1, cooldown_s=60)
    assert isinstance(breaker.store, RedisBreakerStore)
    breaker.record_failure(models[1])
    commands: list[str] = []
    real = breaker.store._redis.execute_command

    def counted(*args: object, **kwargs: object) -> object:
        commands.append(str(args[0]))
        return real(*args, **kwargs)

    breaker.store._redis.execute_command = counted  # type: ignore[method-assign]
    try:
        states = breaker.states(models)
    finally:
        del breaker.store._redis.execute_command  # the client's own method again
        breaker.record_success(models[1])
    assert states == {models[0]: "closed", models[1]: "open", models[2]: "closed"}
    assert commands == ["MGET"]


def test_an_unreachable_redis_is_reported_unknown_not_closed() -> None:
    # Calls still go through (allow), but /readyz and /metrics must not look healthy.
    breaker = breaker_from("redis://127.0.0.1:1/0", threshold=1, cooldown_s=60)
    assert breaker.states(["m", "n"]) == {"m": "unknown", "n": "unknown"}
    assert breaker.allow("m")


def test_half_open_lets_one_trial_through_not_every_caller() -> None:
    # After the cool-down every waiting request went to the model that may still hang.
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=clock)
    breaker.record_failure("m")
    clock.now += 31
    assert breaker.state("m") == "half_open"
    assert [breaker.allow("m") for _ in range(5)] == [True, False, False, False, False]
    clock.now += 31  # the trial never reported (cancelled): another trial after a cool-down
    assert [breaker.allow("m") for _ in range(3)] == [True, False, False]
    breaker.record_success("m")
    assert all(breaker.allow("m") for _ in range(3))


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_the_shared_breaker_half_opens_for_one_worker_and_closes_on_a_fake_clock() -> None:
    # Time is the test's: the shared breaker's cool-down is moved past, never slept through.
    model = f"test/{uuid.uuid4().hex}"
    clock = _Clock()
    worker_a = breaker_from(REDIS_URL, threshold=1, cooldown_s=60, clock=clock)
    worker_b = breaker_from(REDIS_URL, threshold=1, cooldown_s=60, clock=clock)
    try:
        worker_a.record_failure(model)
        assert not worker_b.allow(model)
        clock.now += 61
        assert worker_a.state(model) == "half_open" == worker_b.state(model)
        assert worker_b.allow(model) and not worker_a.allow(model)  # one trial, all workers
        worker_b.record_failure(model)  # the trial failed: open again for a cool-down
        assert worker_a.state(model) == "open"
        clock.now += 61
        assert worker_a.allow(model) and not worker_b.allow(model)
        worker_a.record_success(model)
        assert worker_b.state(model) == "closed" and worker_b.allow(model)
    finally:
        worker_a.record_success(model)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_a_long_cooldown_outlives_the_shared_keys_expiry() -> None:
    # Keys expired after a fixed hour: a two-hour cool-down's breaker closed after one.
    model = f"test/{uuid.uuid4().hex}"
    breaker = breaker_from(REDIS_URL, threshold=1, cooldown_s=7200)
    assert isinstance(breaker.store, RedisBreakerStore)
    breaker.record_failure(model)
    try:
        ttl = breaker.store._redis.ttl(breaker.store._key(model, "open_until"))
        assert isinstance(ttl, int) and ttl > 7200
    finally:
        breaker.record_success(model)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_an_integer_clock_and_cooldown_still_grant_the_shared_trial() -> None:
    # Redis stored "1000031" and the claim compared it as text with "1000031.0": no trial
    # was ever granted, so the model stayed skipped for good.
    model = f"test/{uuid.uuid4().hex}"
    now = [1_000_000]
    breaker = breaker_from(REDIS_URL, threshold=1, cooldown_s=30, clock=lambda: now[0])
    try:
        breaker.record_failure(model)
        assert not breaker.allow(model)
        now[0] += 31
        assert [breaker.allow(model) for _ in range(3)] == [True, False, False]
        now[0] += 31  # the trial never reported: the next one is claimable too
        assert [breaker.allow(model) for _ in range(3)] == [True, False, False]
    finally:
        breaker.record_success(model)


def test_an_integer_clock_and_cooldown_grant_one_trial_in_memory() -> None:
    now = [1_000_000]
    breaker = CircuitBreaker(
        MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=lambda: now[0]
    )
    breaker.record_failure("m")
    now[0] += 31
    assert [breaker.allow("m") for _ in range(3)] == [True, False, False]


def test_a_trial_in_flight_is_reported_half_open_until_its_outcome() -> None:
    # Claiming the trial moves the open period on by a cool-down, so reports said "open"
    # while the trial was in flight.
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=clock)
    breaker.record_failure("m")
    clock.now += 31
    assert breaker.allow("m")  # the trial goes
    assert breaker.state("m") == "half_open"
    assert breaker.states(["m", "n"]) == {"m": "half_open", "n": "closed"}
    assert not breaker.allow("m")  # still one trial only
    breaker.record_failure("m")  # the trial failed: open, not half-open
    assert breaker.state("m") == "open"
    clock.now += 31
    assert breaker.allow("m")
    breaker.record_success("m")
    assert breaker.state("m") == "closed"


def test_an_open_breaker_is_not_reported_half_open_before_its_cooldown_ends() -> None:
    # The negative: an opened breaker (no trial) stays "open" until its cool-down ends.
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=clock)
    breaker.record_failure("m")
    clock.now += 29
    assert not breaker.allow("m")
    assert breaker.states(["m"]) == {"m": "open"}


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_another_workers_trial_in_flight_is_reported_half_open() -> None:
    model = f"test/{uuid.uuid4().hex}"
    clock = _Clock()
    worker_a = breaker_from(REDIS_URL, threshold=1, cooldown_s=60, clock=clock)
    worker_b = breaker_from(REDIS_URL, threshold=1, cooldown_s=60, clock=clock)
    try:
        worker_a.record_failure(model)
        assert worker_b.states([model]) == {model: "open"}
        clock.now += 61
        assert worker_b.allow(model)  # worker b's trial is in flight
        assert worker_a.states([model]) == {model: "half_open"}
        assert worker_a.state(model) == "half_open" and not worker_a.allow(model)
        worker_b.record_failure(model)  # its outcome: open again, in every worker
        assert worker_a.states([model]) == {model: "open"}
        clock.now += 61
        assert worker_a.allow(model)
        worker_a.record_success(model)
        assert worker_b.states([model]) == {model: "closed"}
    finally:
        worker_a.record_success(model)


def test_a_cut_counts_only_when_the_model_was_quiet_since_the_call_began() -> None:
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=3, cooldown_s=30)
    begun = breaker.marks("m")
    breaker.record_success("m")  # answered another call meanwhile
    breaker.record_cut("m", begun)
    assert breaker.store.failures("m") == 0
    cut_together = breaker.marks("m")
    breaker.record_cut("m", cut_together)
    breaker.record_cut("m", cut_together)  # cut at the same moment: one observation
    assert breaker.store.failures("m") == 1
    breaker.record_cut("m", breaker.marks("m"))  # begun after that failure: counts
    assert breaker.store.failures("m") == 2


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_a_cut_sees_other_workers_answers_and_counted_failures() -> None:
    # Each process kept its own counts: another worker's answer, or its count of a cut made
    # at the same moment, went unseen.
    model = f"test/{uuid.uuid4().hex}"
    worker_a = breaker_from(REDIS_URL, threshold=2, cooldown_s=60)
    worker_b = breaker_from(REDIS_URL, threshold=2, cooldown_s=60)
    try:
        begun = worker_a.marks(model)
        worker_b.record_success(model)
        worker_a.record_cut(model, begun)
        assert worker_a.store.failures(model) == 0
        together_a, together_b = worker_a.marks(model), worker_b.marks(model)
        worker_a.record_cut(model, together_a)
        worker_b.record_cut(model, together_b)
        assert worker_b.store.failures(model) == 1 and worker_a.state(model) == "closed"
        worker_b.record_cut(model, worker_b.marks(model))  # a new call's cut counts
        assert worker_a.state(model) == "open"
    finally:
        worker_a.record_success(model)


def _trial_ending_without_outcome(
    breaker: CircuitBreaker, other: CircuitBreaker, clock: _Clock
) -> None:
    model = f"test/{uuid.uuid4().hex}"
    try:
        breaker.record_failure(model)
        clock.now += breaker.cooldown_s + 1
        admission = breaker.admit(model)
        assert admission is not None and admission.trial is not None  # the trial goes
        assert other.states([model]) == {model: "half_open"}  # in flight
        breaker.end_trial(model, admission)  # cancelled or refused: no outcome recorded
        # Nothing is in flight and nothing gets through: open, not half_open, everywhere.
        assert other.states([model]) == {model: "open"} and other.state(model) == "open"
        assert not other.allow(model) and not breaker.allow(model)
        clock.now += breaker.cooldown_s + 1
        assert [other.allow(model) for _ in range(3)] == [True, False, False]  # one new trial
        assert breaker.states([model]) == {model: "half_open"}
        breaker.end_trial(model, admission)  # the old trial's late word leaves the new alone
        assert breaker.states([model]) == {model: "half_open"}
    finally:
        breaker.record_success(model)


def test_a_trial_ending_without_outcome_is_reported_open_not_half_open() -> None:
    # A trial that never reported back was shown half_open for its whole new cool-down
    # while nothing got through.
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=clock)
    _trial_ending_without_outcome(breaker, breaker, clock)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_a_trial_ending_without_outcome_is_reported_open_by_every_worker() -> None:
    clock = _Clock()
    worker_a = breaker_from(REDIS_URL, threshold=1, cooldown_s=60, clock=clock)
    worker_b = breaker_from(REDIS_URL, threshold=1, cooldown_s=60, clock=clock)
    _trial_ending_without_outcome(worker_a, worker_b, clock)


def test_a_call_that_was_no_trial_unmarks_nothing() -> None:
    # The negative: a call let through while closed ends without outcome; another
    # worker's trial later in flight stays half_open.
    clock = _Clock()
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=clock)
    plain = breaker.admit("m")
    assert plain is not None and plain.trial is None
    breaker.record_failure("m")
    clock.now += 31
    assert breaker.allow("m")
    breaker.end_trial("m", plain)
    assert breaker.state("m") == "half_open"
