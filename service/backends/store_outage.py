"""Skip an unhealthy shared store for a cool-down, so a hung Redis costs two timeouts, not all.

The breaker's Redis calls run on the event loop (a thread hop per call cost more than the
calls themselves with a healthy Redis). A Redis that accepts connections but never answers
then blocked the loop for a socket timeout per call, one request after another: 30 requests
took 45 s. Now a call refused a connection (refused, reset, no such host, loading, auth
refused), or a second call timed out in a row, starts a cool-down during which every call is
refused at once (:class:`StoreSkipped`, a ``RedisError``: the breaker answers as for an
unreachable Redis, calls go through and reports say ``unknown``); after it, one call (the
probe) is let through while the others are still skipped, and its outcome ends the outage or
starts another cool-down. So a hung store costs two timeouts, then at most one per cool-down
per process. One timeout alone is no outage: a healthy store's one slow reply (a snapshot's
fork, a long script) must not skip it, since while it is skipped every call is admitted and
failures and answers go uncounted, so workers disagree about an open breaker.

A healthy store's calls pay two attribute reads. The state is shared by every thread and event
loop of the process (the breaker is process-wide), changed under a lock never held during a call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import redis

logger = logging.getLogger(__name__)

T = TypeVar("T")

# The default of REPLYDRAFT_LLM_BREAKER_STORE_COOLDOWN_S (a test holds the setting to it): long
# enough that a hung Redis blocks a loop for at most a tenth of the time (one 0.5 s timeout per
# 5 s), short enough that a recovered Redis is shared again within seconds.
STORE_COOLDOWN_S = 5.0

# Timeouts in a row (no answer between them) that make an outage: one is a slow reply, two a
# hung store. A connection error (refused, reset, no such host, loading, auth refused) is one
# at once. An answer the store gave (a script or type error: ResponseError) is no outage.
TIMEOUTS_FOR_OUTAGE = 2


class StoreSkipped(redis.RedisError):
    """The shared store was not asked: it failed recently and its cool-down has not passed."""


class StoreOutage:
    """Whether the shared store is being skipped after a failure, and who probes it next.

    ``clock`` gives monotonic seconds (tests pass a settable one instead of sleeping).
    """

    def __init__(self, cooldown_s: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._lock = threading.Lock()
        # None: healthy. Otherwise skipped until this time, then probed.
        self._skip_until: float | None = None
        self._probing = False
        # Timeouts since the store last answered (while healthy).
        self._timeouts = 0

    def call(self, action: Callable[[], T]) -> T:
        """``action()`` (one store call), or :class:`StoreSkipped` at once during an outage."""
        probe = self._skip_until is not None and self._claim_probe()
        try:
            result = action()
        except redis.TimeoutError as exc:
            self._failed(exc, probe, timed_out=True)
            raise
        except redis.ConnectionError as exc:
            self._failed(exc, probe, timed_out=False)
            raise
        except redis.RedisError:
            self._answered(probe)  # an error the store answered with: it is there
            raise
        except BaseException:
            if probe:  # no outcome (interrupted): the next call after the cool-down probes
                self._end_probe()
            raise
        if probe or self._timeouts:  # a healthy store's call pays these two reads only
            self._answered(probe)
        return result

    def _claim_probe(self) -> bool:
        """True when this call is the probe; :class:`StoreSkipped` when it must not be made.

        Re-read under the lock: the outage may have ended since the caller's unlocked read.
        """
        with self._lock:
            if self._skip_until is None:
                return False
            if self._probing or self.clock() < self._skip_until:
                raise StoreSkipped("shared breaker store skipped after a failure")
            self._probing = True
            return True

    def _failed(self, exc: BaseException, probe: bool, *, timed_out: bool) -> None:
        with self._lock:
            began = self._skip_until is None
            if began and timed_out:
                self._timeouts += 1
                if self._timeouts < TIMEOUTS_FOR_OUTAGE:
                    return  # one slow reply: this call goes through, the store is still asked
            # A call in flight when the outage ended (made before the probe answered) that
            # then fails begins another outage here and logs it again: left so, as the store
            # did just fail, and it takes a failure in the instant after a recovery.
            self._skip_until = self.clock() + self.cooldown_s
            self._timeouts = 0
            self._probing = self._probing and not probe
        if began:
            logger.warning(
                "breaker_store_skipped",
                extra={"error": type(exc).__name__, "cooldown_s": self.cooldown_s},
            )

    def _end_probe(self) -> None:
        with self._lock:
            self._probing = False

    def _answered(self, probe: bool) -> None:
        """The store answered: timeouts no longer run on; the probe's answer ends the outage.

        Only the probe ends it: another call's answer may come from before the outage began.
        """
        with self._lock:
            self._timeouts = 0
            if not probe:
                return
            self._skip_until = None
            self._probing = False
        logger.info("breaker_store_back")
