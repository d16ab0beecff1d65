"""A circuit breaker per model: after N consecutive failures, skip the model for a cool-down.

Without it a hung provider costs every request the full retry cycle (3 attempts x timeout)
before the fallback answers. With it, once a model has failed ``threshold`` times in a row,
requests go straight to the next backend until ``cooldown_s`` has passed; then one request
is let through (half-open: the first caller claims the trial, the others are still skipped)
and its outcome closes or re-opens the breaker.

State lives in process, or in Redis when ``REPLYDRAFT_REDIS_URL`` is set, so every worker
process sees the same breaker. Time comes from an injectable clock (epoch seconds), so tests
move it instead of sleeping through a cool-down.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, cast

import redis

logger = logging.getLogger(__name__)

BreakerState = Literal["closed", "open", "half_open"]
# What a report (``/readyz``, ``/metrics``) shows: "unknown" when the shared store cannot be
# read (calls then go through as if closed, but a report must not look healthy).
ReportedState = Literal["closed", "open", "half_open", "unknown"]
Clock = Callable[[], float]


class BreakerStore(Protocol):
    """Where consecutive failures and the open-until time are kept, per model."""

    def failures(self, model: str) -> int:
        """Consecutive failures recorded for ``model``."""
        ...

    def add_failure(self, model: str) -> int:
        """Record one more failure; returns the new count."""
        ...

    def reset(self, model: str) -> None:
        """Forget failures and any open period (a success)."""
        ...

    def open_until(self, model: str) -> float:
        """Epoch seconds until which the breaker is open (0 when it is not)."""
        ...

    def open(self, model: str, until: float) -> None:
        """Open the breaker until ``until`` (epoch seconds)."""
        ...

    def open_untils(self, models: Sequence[str]) -> dict[str, float]:
        """``open_until`` of each model, read at once (one round-trip for a shared store)."""
        ...

    def claim_trial(self, model: str, seen: float, until: float) -> bool:
        """Move ``open_until`` from ``seen`` to ``until`` if nobody moved it since.

        Returns whether this caller did: it then makes the half-open trial call, and the
        others stay skipped.
        """
        ...


@dataclass
class MemoryBreakerStore:
    """Breaker state in this process only."""

    _failures: dict[str, int]
    _open_until: dict[str, float]
    _lock: threading.Lock

    @classmethod
    def empty(cls) -> MemoryBreakerStore:
        """A store with no state."""
        return cls({}, {}, threading.Lock())

    def failures(self, model: str) -> int:
        """Consecutive failures recorded for ``model``."""
        return self._failures.get(model, 0)

    def add_failure(self, model: str) -> int:
        """Record one more failure; returns the new count."""
        self._failures[model] = self._failures.get(model, 0) + 1
        return self._failures[model]

    def reset(self, model: str) -> None:
        """Forget failures and any open period."""
        self._failures.pop(model, None)
        self._open_until.pop(model, None)

    def open_until(self, model: str) -> float:
        """Epoch seconds until which the breaker is open (0 when it is not)."""
        return self._open_until.get(model, 0.0)

    def open(self, model: str, until: float) -> None:
        """Open the breaker until ``until``."""
        self._open_until[model] = float(until)

    def open_untils(self, models: Sequence[str]) -> dict[str, float]:
        """``open_until`` of each model."""
        return {model: self.open_until(model) for model in models}

    def claim_trial(self, model: str, seen: float, until: float) -> bool:
        """Compare-and-set of ``open_until`` (calls may come from several threads)."""
        with self._lock:
            if self._open_until.get(model, 0.0) != seen:
                return False
            self._open_until[model] = float(until)
            return True


# Compare-and-set of a model's open-until time: only the caller that read the value still
# stored moves it (the half-open trial is claimed by one worker of all those sharing Redis).
# Compared as numbers: as text, a stored "1000031" (an integer clock) never equalled the
# "1000031.0" the caller read it back as, and no trial was ever granted.
_CLAIM_TRIAL = """
local stored = redis.call('GET', KEYS[1])
if stored and tonumber(stored) == tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""


class RedisBreakerStore:
    """Breaker state in Redis, shared by every worker process (keys expire on their own).

    Keys outlive any cool-down: ``ttl_s`` must be longer than the longest open period, or an
    open breaker would close early when its key expired (:func:`breaker_from` sees to it).
    """

    def __init__(self, url: str, *, ttl_s: int = 3600) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._ttl_s = ttl_s
        self._claim = self._redis.register_script(_CLAIM_TRIAL)

    @staticmethod
    def _key(model: str, part: str) -> str:
        return f"replydraft:breaker:{part}:{model}"

    def failures(self, model: str) -> int:
        """Consecutive failures recorded for ``model``."""
        value = cast(bytes | None, self._redis.get(self._key(model, "failures")))
        return int(value) if value is not None else 0

    def add_failure(self, model: str) -> int:
        """Record one more failure atomically; returns the new count."""
        key = self._key(model, "failures")
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, self._ttl_s)
        count, _ = pipe.execute()
        return int(count)

    def reset(self, model: str) -> None:
        """Forget failures and any open period."""
        self._redis.delete(self._key(model, "failures"), self._key(model, "open_until"))

    def open_until(self, model: str) -> float:
        """Epoch seconds until which the breaker is open (0 when it is not)."""
        value = cast(bytes | None, self._redis.get(self._key(model, "open_until")))
        return float(value) if value is not None else 0.0

    def open(self, model: str, until: float) -> None:
        """Open the breaker until ``until``."""
        self._redis.set(self._key(model, "open_until"), repr(float(until)), ex=self._ttl_s)

    def open_untils(self, models: Sequence[str]) -> dict[str, float]:
        """``open_until`` of each model in one MGET (a scrape reads every model at once)."""
        if not models:
            return {}
        keys = [self._key(model, "open_until") for model in models]
        values = cast(list[bytes | None], self._redis.mget(keys))
        return {m: float(v) if v is not None else 0.0 for m, v in zip(models, values, strict=True)}

    def claim_trial(self, model: str, seen: float, until: float) -> bool:
        """Compare-and-set of ``open_until`` in one atomic script (every worker shares it)."""
        key = self._key(model, "open_until")
        # The same float repr as open() stores (the script compares them as numbers anyway).
        args: list[str | int] = [repr(float(seen)), repr(float(until)), self._ttl_s]
        claimed = self._claim(keys=[key], args=args)
        return bool(claimed)


class CircuitBreaker:
    """Consecutive-failure breaker per model over a :class:`BreakerStore`.

    ``clock`` (epoch seconds) is public: a test holding the process's shared breaker
    (``service.backends.select.shared_breaker``) swaps it to move time.
    """

    def __init__(
        self,
        store: BreakerStore,
        *,
        threshold: int = 5,
        cooldown_s: float = 30.0,
        clock: Clock = time.time,
    ) -> None:
        self.store = store
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._answers: dict[str, int] = {}
        self._failed: dict[str, int] = {}

    def answers(self, model: str) -> int:
        """Successes this process has recorded for ``model`` (a count that only grows).

        A caller notes it when a call begins: a larger count later means the model answered
        another request meanwhile (a deadline cut is then not the model's fault).
        """
        return self._answers.get(model, 0)

    def failures_seen(self, model: str) -> int:
        """Failures this process has recorded for ``model`` (a count that only grows).

        A larger count than at a call's start means a call in flight beside it was already
        counted: calls cut by one deadline together are one failure, not that many in a row.
        """
        return self._failed.get(model, 0)

    def state(self, model: str) -> BreakerState:
        """Closed (calls go through), open (skipped), or half_open (one trial goes through)."""
        try:
            until = self.store.open_until(model)
        except redis.RedisError:
            return "closed"  # an unreachable shared store must not stop every model
        return self._state_at(until)

    def states(self, models: Sequence[str]) -> dict[str, ReportedState]:
        """Each model's state for a report, read in one round-trip.

        "unknown" for every model when the store cannot be read: :meth:`state` lets calls
        through then, but a report saying "closed" would look healthy while nobody can tell.
        """
        try:
            untils = self.store.open_untils(models)
        except redis.RedisError:
            return dict.fromkeys(models, "unknown")
        return {model: self._state_at(untils.get(model, 0.0)) for model in models}

    def _state_at(self, until: float) -> BreakerState:
        if until == 0.0:
            return "closed"
        return "open" if self.clock() < until else "half_open"

    def allow(self, model: str) -> bool:
        """Whether a call to ``model`` should be attempted now.

        Half-open, only the caller that claims the trial goes through: it moves the open
        period on by a cool-down, so the others (in every worker, through a shared store) are
        still skipped. Letting every caller through then sent each waiting request to a model
        that may still hang, a full timeout each, after every cool-down. The trial's outcome
        closes the breaker or re-opens it; a trial that reports nothing (cancelled, refused)
        leaves it open until the new period ends, then another trial goes.
        """
        try:
            until = self.store.open_until(model)
            if self._state_at(until) != "half_open":
                return until == 0.0
            return self.store.claim_trial(model, until, self.clock() + self.cooldown_s)
        except redis.RedisError:
            return True  # an unreachable shared store must not stop every model

    def record_success(self, model: str) -> None:
        """A good completion closes the breaker."""
        self._answers[model] = self._answers.get(model, 0) + 1
        self._safely(lambda: self.store.reset(model))

    def record_failure(self, model: str) -> None:
        """A failed call (after its retries); opens the breaker at the threshold."""
        self._failed[model] = self._failed.get(model, 0) + 1

        def fail() -> None:
            count = self.store.add_failure(model)
            if count >= self.threshold:
                self.store.open(model, self.clock() + self.cooldown_s)
                logger.warning(
                    "breaker_open",
                    extra={"model": model, "failures": count, "cooldown_s": self.cooldown_s},
                )

        self._safely(fail)

    @staticmethod
    def _safely(action: Callable[[], None]) -> None:
        try:
            action()
        except redis.RedisError as exc:
            logger.warning("breaker_store_unavailable", extra={"error": type(exc).__name__})


def breaker_from(
    redis_url: str | None, *, threshold: int, cooldown_s: float, clock: Clock = time.time
) -> CircuitBreaker:
    """The breaker the settings ask for: shared through Redis when a URL is given.

    ``clock`` gives epoch seconds (tests pass a settable one). Redis keys live an hour past
    the cool-down: a fixed hour let a longer cool-down's open breaker expire, closed, early.
    """
    store: BreakerStore = (
        RedisBreakerStore(redis_url, ttl_s=math.ceil(cooldown_s) + 3600)
        if redis_url
        else MemoryBreakerStore.empty()
    )
    return CircuitBreaker(store, threshold=threshold, cooldown_s=cooldown_s, clock=clock)
