"""Per-key rate limits (the ``limits`` library): in process, or shared through Redis.

With several worker processes each would count alone, so a deployment that runs more than
one sets ``REPLYDRAFT_REDIS_URL`` and every worker counts in the same Redis window.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse, storage, strategies

from service.errors import ConfigurationError, RateLimitedError

logger = logging.getLogger(__name__)
_NAMESPACE = "replydraft-key"


class KeyRateLimiter:
    """A moving-window limit per API key id; ``check`` raises ``RateLimitedError`` past it."""

    def __init__(self, rate: str, storage_uri: str = "memory://") -> None:
        try:
            self._limit: RateLimitItem = parse(rate)
        except ValueError as exc:
            raise ConfigurationError(
                f"REPLYDRAFT_RATE_LIMIT: {rate!r} is not a rate such as '60/minute'"
            ) from exc
        self._storage = storage.storage_from_string(storage_uri)
        self._limiter = strategies.MovingWindowRateLimiter(self._storage)

    @property
    def shared(self) -> bool:
        """Whether the window is shared between processes (Redis), not counted in process."""
        return not isinstance(self._storage, storage.MemoryStorage)

    def check(self, key_id: str) -> None:
        """Count one request of ``key_id``; 429 with the seconds until the window frees a slot.

        If the shared store is unreachable the request is let through and the failure logged:
        a rate limiter that is down must not take the whole API down with it.
        """
        try:
            if self._limiter.hit(self._limit, _NAMESPACE, key_id):
                return
            reset_at = self._limiter.get_window_stats(self._limit, _NAMESPACE, key_id).reset_time
        except Exception as exc:  # noqa: BLE001 - any storage failure: fail open, say so
            logger.warning("rate_limit_unavailable", extra={"error": type(exc).__name__})
            return
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise RateLimitedError(
            f"too many requests for this key: the limit is {self._limit}; "
            f"retry after {retry_after} s",
            retry_after_s=retry_after,
        )
