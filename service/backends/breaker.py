"""A circuit breaker per model: after N consecutive failures, skip the model for a cool-down.

Without it a hung provider costs every request the full retry cycle (3 attempts x timeout)
before the fallback answers. With it, once a model has failed ``threshold`` times in a row,
requests go straight to the next backend until ``cooldown_s`` has passed; then one request
is let through (half-open: the first caller claims the trial, the others are still skipped)
and its outcome closes or re-opens the breaker. Reports say ``half_open`` from the end of the
cool-down until that outcome, the trial's flight included; a trial that ends with no outcome
is reported ``open`` for the rest of its period (nothing is in flight, nothing gets through).

State lives in process, or in Redis when ``REPLYDRAFT_REDIS_URL`` is set, so every worker
process sees the same breaker. A Redis that fails or hangs is skipped for a short cool-down
(:mod:`service.backends.store_outage`), answered as an unreachable one: calls go through,
reports say ``unknown``. Time comes from an injectable clock (epoch seconds), so tests move it
instead of sleeping through a cool-down.

Two counts that only grow, per model, live in the same store: answers and counted failures.
A call notes them when it begins (:class:`Marks`); a call the overall deadline cuts is then
blamed only if neither moved meanwhile (:meth:`CircuitBreaker.record_cut`), checked and counted
in one atomic step, so another worker's answer or counted failure is seen too.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Concatenate, Literal, ParamSpec, Protocol, TypeVar, cast

import redis

from service.backends.store_outage import STORE_COOLDOWN_S, StoreOutage, StoreSkipped

logger = logging.getLogger(__name__)

BreakerState = Literal["closed", "open", "half_open"]
# What a report (``/readyz``, ``/metrics``) shows: "unknown" when the shared store cannot be
# read (calls then go through as if closed, but a report must not look healthy).
ReportedState = Literal["closed", "open", "half_open", "unknown"]
Clock = Callable[[], float]
P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Marks:
    """A model's answers and counted failures (both only grow) when a call began."""

    answers: int
    failures: int


@dataclass(frozen=True)
class Admission:
    """A call let through; ``trial``: the open period it claimed as the half-open trial."""

    trial: float | None = None


@dataclass(frozen=True)
class Period:
    """A model's open-until time (0: closed) and whether a half-open trial holds that period."""

    until: float
    trial: bool = False


class BreakerStore(Protocol):
    """Where consecutive failures and the open-until time are kept, per model."""

    def failures(self, model: str) -> int:
        """Consecutive failures recorded for ``model``."""
        ...

    def add_failure(self, model: str) -> int:
        """Record one more failure (and one more counted failure); returns the run's length."""
        ...

    def add_failure_if_quiet(self, model: str, since: Marks) -> int | None:
        """:meth:`add_failure`, in one atomic step, unless the model's marks moved past ``since``.

        None when it answered or had a failure counted since then (nothing recorded).
        """
        ...

    def marks(self, model: str) -> Marks:
        """The model's answers and counted failures now."""
        ...

    def reset(self, model: str) -> None:
        """One more answer: forget failures, any open period and any trial (a success)."""
        ...

    def open_until(self, model: str) -> float:
        """Epoch seconds until which the breaker is open (0 when it is not)."""
        ...

    def open(self, model: str, until: float) -> None:
        """Open the breaker until ``until`` (epoch seconds); a trial holding the period ends."""
        ...

    def periods(self, models: Sequence[str]) -> dict[str, Period]:
        """Each model's open period, read at once (one round-trip for a shared store)."""
        ...

    def claim_trial(self, model: str, seen: float, until: float) -> bool:
        """Move ``open_until`` from ``seen`` to ``until`` if nobody moved it since.

        Returns whether this caller did: it then makes the half-open trial call, and the
        others stay skipped. The new period is marked as the trial's (reported half-open).
        """
        ...

    def end_trial(self, model: str, until: float) -> None:
        """Unmark the trial of the period ending at ``until`` (if it still holds it): open."""
        ...


@dataclass
class MemoryBreakerStore:
    """Breaker state in this process only."""

    _failures: dict[str, int]
    _open_until: dict[str, float]
    _lock: threading.Lock
    _trial_until: dict[str, float] = field(default_factory=dict)
    _answers: dict[str, int] = field(default_factory=dict)
    _counted: dict[str, int] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> MemoryBreakerStore:
        """A store with no state."""
        return cls({}, {}, threading.Lock())

    def failures(self, model: str) -> int:
        """Consecutive failures recorded for ``model``."""
        return self._failures.get(model, 0)

    def add_failure(self, model: str) -> int:
        """Record one more failure; returns the new count."""
        with self._lock:
            return self._add_failure(model)

    def _add_failure(self, model: str) -> int:
        self._counted[model] = self._counted.get(model, 0) + 1
        self._failures[model] = self._failures.get(model, 0) + 1
        return self._failures[model]

    def add_failure_if_quiet(self, model: str, since: Marks) -> int | None:
        """Record a failure unless the model answered or had one counted since ``since``."""
        with self._lock:
            now = self._marks(model)
            if now.answers > since.answers or now.failures > since.failures:
                return None
            return self._add_failure(model)

    def marks(self, model: str) -> Marks:
        """The model's answers and counted failures now."""
        with self._lock:
            return self._marks(model)

    def _marks(self, model: str) -> Marks:
        return Marks(self._answers.get(model, 0), self._counted.get(model, 0))

    def reset(self, model: str) -> None:
        """One more answer; forget failures, any open period and any trial."""
        with self._lock:
            self._answers[model] = self._answers.get(model, 0) + 1
            self._failures.pop(model, None)
            self._open_until.pop(model, None)
            self._trial_until.pop(model, None)

    def open_until(self, model: str) -> float:
        """Epoch seconds until which the breaker is open (0 when it is not)."""
        return self._open_until.get(model, 0.0)

    def open(self, model: str, until: float) -> None:
        """Open the breaker until ``until``; a trial holding the period ends."""
        with self._lock:
            self._open_until[model] = float(until)
            self._trial_until.pop(model, None)

    def periods(self, models: Sequence[str]) -> dict[str, Period]:
        """Each model's open period."""
        with self._lock:
            return {model: self._period(model) for model in models}

    def _period(self, model: str) -> Period:
        until = self._open_until.get(model, 0.0)
        return Period(until, until != 0.0 and self._trial_until.get(model) == until)

    def claim_trial(self, model: str, seen: float, until: float) -> bool:
        """Compare-and-set of ``open_until`` (calls may come from several threads)."""
        with self._lock:
            if self._open_until.get(model, 0.0) != seen:
                return False
            self._open_until[model] = self._trial_until[model] = float(until)
            return True

    def end_trial(self, model: str, until: float) -> None:
        """Unmark the trial if it still holds the period ``until`` (not a later one)."""
        with self._lock:
            if self._trial_until.get(model) == float(until):
                del self._trial_until[model]


# Compare-and-set of a model's open-until time: only the caller that read the value still
# stored moves it (the half-open trial is claimed by one worker of all those sharing Redis).
# Compared as numbers: as text, a stored "1000031" (an integer clock) never equalled the
# "1000031.0" the caller read it back as, and no trial was ever granted.
# The new period is also written as the trial's (KEYS[2]): reports show it half-open.
_CLAIM_TRIAL = """
local stored = redis.call('GET', KEYS[1])
if stored and tonumber(stored) == tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""

# Unmark a trial that ended with no outcome, only if it still holds the period it claimed
# (compared as numbers): a later trial's mark, or a re-opened period's, is left alone.
_END_TRIAL = """
local trial = redis.call('GET', KEYS[1])
if trial and tonumber(trial) == tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
end
return 0
"""

# A failure counted unless the model answered (KEYS[1]) or had a failure counted (KEYS[2])
# since the caller noted ARGV[1] and ARGV[2], by any worker: checked and counted in one step,
# or two workers cut at the same moment would both see "nothing since" and count twice.
# Returns the run of consecutive failures (KEYS[3]), or -1 when nothing was recorded.
_ADD_FAILURE_IF_QUIET = """
local answers = tonumber(redis.call('GET', KEYS[1]) or '0')
local counted = tonumber(redis.call('GET', KEYS[2]) or '0')
if answers > tonumber(ARGV[1]) or counted > tonumber(ARGV[2]) then
  return -1
end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
local run = redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return run
"""


def _skipped_in_outage(
    method: Callable[Concatenate[RedisBreakerStore, P], T],
) -> Callable[Concatenate[RedisBreakerStore, P], T]:
    """A store method made through the store's :class:`StoreOutage` (skipped while it lasts)."""

    @functools.wraps(method)
    def guarded(store: RedisBreakerStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return store.outage.call(lambda: method(store, *args, **kwargs))

    return guarded


class RedisBreakerStore:
    """Breaker state in Redis, shared by every worker process (keys expire on their own).

    Keys outlive any cool-down: ``ttl_s`` must be longer than the longest open period, or an
    open breaker would close early when its key expired (:func:`breaker_from` sees to it).
    Every call goes through ``outage``: after a refused connection or two timeouts in a row
    Redis is skipped (:class:`StoreSkipped`) for its cool-down, so a Redis that hangs costs a
    socket timeout per cool-down, not one per call (one slow reply skips nothing).
    """

    def __init__(self, url: str, *, ttl_s: int = 3600, outage: StoreOutage | None = None) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._ttl_s = ttl_s
        self.outage = outage if outage is not None else StoreOutage(STORE_COOLDOWN_S)
        self._claim = self._redis.register_script(_CLAIM_TRIAL)
        self._end_trial = self._redis.register_script(_END_TRIAL)
        self._add_if_quiet = self._redis.register_script(_ADD_FAILURE_IF_QUIET)

    @staticmethod
    def _key(model: str, part: str) -> str:
        return f"replydraft:breaker:{part}:{model}"

    @_skipped_in_outage
    def failures(self, model: str) -> int:
        """Consecutive failures recorded for ``model``."""
        value = cast(bytes | None, self._redis.get(self._key(model, "failures")))
        return int(value) if value is not None else 0

    @_skipped_in_outage
    def add_failure(self, model: str) -> int:
        """Record one more failure atomically; returns the new count."""
        key, counted = self._key(model, "failures"), self._key(model, "counted")
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, self._ttl_s)
        pipe.incr(counted)
        pipe.expire(counted, self._ttl_s)
        count, *_ = pipe.execute()
        return int(count)

    @_skipped_in_outage
    def add_failure_if_quiet(self, model: str, since: Marks) -> int | None:
        """Check and count in one script, seeing every worker's answers and failures."""
        keys = [self._key(model, part) for part in ("answers", "counted", "failures")]
        args: list[str | int] = [since.answers, since.failures, self._ttl_s]
        run = int(cast(int, self._add_if_quiet(keys=keys, args=args)))
        return None if run < 0 else run

    @_skipped_in_outage
    def marks(self, model: str) -> Marks:
        """The model's answers and counted failures, every worker's, in one MGET."""
        keys = [self._key(model, "answers"), self._key(model, "counted")]
        answers, counted = cast(list[bytes | None], self._redis.mget(keys))
        return Marks(int(answers or 0), int(counted or 0))

    @_skipped_in_outage
    def reset(self, model: str) -> None:
        """One more answer; forget failures, any open period and any trial (one pipeline)."""
        answers = self._key(model, "answers")
        pipe = self._redis.pipeline()
        pipe.delete(*(self._key(model, part) for part in ("failures", "open_until", "trial")))
        pipe.incr(answers)
        pipe.expire(answers, self._ttl_s)
        pipe.execute()

    @_skipped_in_outage
    def open_until(self, model: str) -> float:
        """Epoch seconds until which the breaker is open (0 when it is not)."""
        value = cast(bytes | None, self._redis.get(self._key(model, "open_until")))
        return float(value) if value is not None else 0.0

    @_skipped_in_outage
    def open(self, model: str, until: float) -> None:
        """Open the breaker until ``until``; a trial holding the period ends."""
        pipe = self._redis.pipeline()
        pipe.set(self._key(model, "open_until"), repr(float(until)), ex=self._ttl_s)
        pipe.delete(self._key(model, "trial"))
        pipe.execute()

    @_skipped_in_outage
    def periods(self, models: Sequence[str]) -> dict[str, Period]:
        """Each model's open period in one MGET (a scrape reads every model at once)."""
        if not models:
            return {}
        keys = [self._key(m, part) for m in models for part in ("open_until", "trial")]
        values = cast(list[bytes | None], self._redis.mget(keys))
        periods = {}
        for index, model in enumerate(models):
            stored, trial = values[2 * index], values[2 * index + 1]
            until = float(stored) if stored is not None else 0.0
            periods[model] = Period(
                until, until != 0.0 and trial is not None and float(trial) == until
            )
        return periods

    @_skipped_in_outage
    def claim_trial(self, model: str, seen: float, until: float) -> bool:
        """Compare-and-set of ``open_until`` in one atomic script (every worker shares it)."""
        keys = [self._key(model, "open_until"), self._key(model, "trial")]
        # The same float repr as open() stores (the script compares them as numbers anyway).
        args: list[str | int] = [repr(float(seen)), repr(float(until)), self._ttl_s]
        claimed = self._claim(keys=keys, args=args)
        return bool(claimed)

    @_skipped_in_outage
    def end_trial(self, model: str, until: float) -> None:
        """Unmark the trial in one atomic script if it still holds the period ``until``."""
        self._end_trial(keys=[self._key(model, "trial")], args=[repr(float(until))])


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

    def marks(self, model: str) -> Marks | None:
        """The model's answers and counted failures now, every worker's through a shared store.

        A caller notes them when a call begins, for :meth:`record_cut`; None when the shared
        store cannot be read.
        """
        try:
            return self.store.marks(model)
        except redis.RedisError:
            return None

    def state(self, model: str) -> BreakerState:
        """Closed (calls go through), open (skipped), or half_open (one trial goes through)."""
        try:
            period = self.store.periods([model])[model]
        except redis.RedisError:
            return "closed"  # an unreachable shared store must not stop every model
        return self._state_of(period)

    def states(self, models: Sequence[str]) -> dict[str, ReportedState]:
        """Each model's state for a report, read in one round-trip.

        "unknown" for every model when the store cannot be read: :meth:`state` lets calls
        through then, but a report saying "closed" would look healthy while nobody can tell.
        """
        try:
            periods = self.store.periods(models)
        except redis.RedisError:
            return dict.fromkeys(models, "unknown")
        return {model: self._state_of(periods.get(model, Period(0.0))) for model in models}

    def _state_of(self, period: Period) -> BreakerState:
        """Half-open from the cool-down's end until the trial's outcome, its flight included.

        A claimed trial moves the open period on by a cool-down (so the other callers stay
        skipped): read by time alone, the model looked open while its trial was in flight.
        """
        if period.trial:
            return "half_open"
        return self._state_at(period.until)

    def _state_at(self, until: float) -> BreakerState:
        if until == 0.0:
            return "closed"
        return "open" if self.clock() < until else "half_open"

    def allow(self, model: str) -> bool:
        """Whether a call to ``model`` should be attempted now (see :meth:`admit`)."""
        return self.admit(model) is not None

    def admit(self, model: str) -> Admission | None:
        """Whether a call to ``model`` should be attempted now: ``None`` when it is skipped.

        Half-open, only the caller that claims the trial goes through (its admission says
        ``trial``): it moves the open period on by a cool-down, so the others (in every
        worker, through a shared store) are still skipped. Letting every caller through then
        sent each waiting request to a model that may still hang, a full timeout each, after
        every cool-down. The trial's outcome closes the breaker or re-opens it; a trial that
        ends with no outcome (cancelled, refused, cut by the deadline unblamed) must say so
        (:meth:`end_trial`): reported ``open`` from then until the new period ends, when
        another trial goes. A trial whose worker died says nothing: reported ``half_open``
        until that period ends (at most one cool-down), then the next trial is claimed.
        """
        try:
            until = self.store.open_until(model)
            if self._state_at(until) != "half_open":
                return Admission() if until == 0.0 else None
            claimed = self.clock() + self.cooldown_s
            if self.store.claim_trial(model, until, claimed):
                return Admission(trial=claimed)
            return None
        except redis.RedisError:
            return Admission()  # an unreachable shared store must not stop every model

    def end_trial(self, model: str, admission: Admission) -> None:
        """A call admitted by :meth:`admit` ended with no outcome recorded.

        If it was the trial and still holds its period, the period is no longer reported
        ``half_open`` (nothing is in flight, nothing gets through): ``open`` until it ends.
        """
        if admission.trial is not None:
            until = admission.trial
            self._safely(lambda: self.store.end_trial(model, until))

    def record_success(self, model: str) -> None:
        """A good completion closes the breaker (and counts as an answer of the model)."""
        self._safely(lambda: self.store.reset(model))

    def record_failure(self, model: str) -> None:
        """A failed call (after its retries); opens the breaker at the threshold."""
        self._safely(lambda: self._open_at_threshold(model, self.store.add_failure(model)))

    def record_cut(self, model: str, since: Marks | None) -> None:
        """A call the overall deadline cut, begun at ``since``: a failure if the model was quiet.

        Not counted when the model answered another call meanwhile (it is alive, only slower
        than the deadline for this one) or had a failure counted since (calls cut together are
        one observation, not that many failures in a row), in any worker sharing the store:
        the check and the count are one atomic step. ``since`` None (the store was unreadable
        when the call began): counted as a plain failure.
        """
        if since is None:
            self.record_failure(model)
            return
        self._safely(
            lambda: self._open_at_threshold(model, self.store.add_failure_if_quiet(model, since))
        )

    def _open_at_threshold(self, model: str, count: int | None) -> None:
        if count is None or count < self.threshold:
            return
        self.store.open(model, self.clock() + self.cooldown_s)
        logger.warning(
            "breaker_open",
            extra={"model": model, "failures": count, "cooldown_s": self.cooldown_s},
        )

    @staticmethod
    def _safely(action: Callable[[], None]) -> None:
        try:
            action()
        except StoreSkipped:
            pass  # the outage was logged when it began (StoreOutage), not once per call
        except redis.RedisError as exc:
            logger.warning("breaker_store_unavailable", extra={"error": type(exc).__name__})


def breaker_from(
    redis_url: str | None,
    *,
    threshold: int,
    cooldown_s: float,
    clock: Clock = time.time,
    store_cooldown_s: float = STORE_COOLDOWN_S,
) -> CircuitBreaker:
    """The breaker the settings ask for: shared through Redis when a URL is given.

    ``clock`` gives epoch seconds (tests pass a settable one). Redis keys live an hour past
    the cool-down: a fixed hour let a longer cool-down's open breaker expire, closed, early.
    ``store_cooldown_s``: how long Redis is skipped after a failed call (:class:`StoreOutage`).
    """
    store: BreakerStore = (
        RedisBreakerStore(
            redis_url,
            ttl_s=math.ceil(cooldown_s) + 3600,
            outage=StoreOutage(store_cooldown_s),
        )
        if redis_url
        else MemoryBreakerStore.empty()
    )
    return CircuitBreaker(store, threshold=threshold, cooldown_s=cooldown_s, clock=clock)
