"""The process's shared breakers: one per setting the breaker depends on, and no other."""

from __future__ import annotations

from service.backends.breaker import RedisBreakerStore
from service.backends.select import breaker_for, shared_breaker
from service.backends.store_outage import STORE_COOLDOWN_S
from service.settings import Settings

REDIS_URL = "redis://127.0.0.1:6379/0"  # never connected to: building a store does not connect


def test_without_redis_the_store_cooldown_does_not_split_the_breaker() -> None:
    # Fault tests take ``shared_breaker(None, threshold, cooldown_s)`` as the breaker the app
    # drafts through: a store cool-down set away from its default must not hand them another.
    settings = Settings(redis_url=None, llm_breaker_threshold=2, llm_breaker_store_cooldown_s=2.0)
    app_breaker = breaker_for(settings)
    assert shared_breaker(None, 2, settings.llm_breaker_cooldown_s) is app_breaker
    assert shared_breaker(None, 2, settings.llm_breaker_cooldown_s, 9.0) is app_breaker


def test_with_redis_each_store_cooldown_has_its_own_breaker() -> None:
    # The negative: with a store to skip, the cool-down is part of what the breaker is.
    default = shared_breaker(REDIS_URL, 2, 30.0)
    assert shared_breaker(REDIS_URL, 2, 30.0, STORE_COOLDOWN_S) is default
    shorter = shared_breaker(REDIS_URL, 2, 30.0, 2.0)
    assert shorter is not default
    assert isinstance(shorter.store, RedisBreakerStore)
    assert shorter.store.outage.cooldown_s == 2.0


def test_other_breaker_settings_still_split_the_breaker() -> None:
    base = shared_breaker(None, 2, 30.0)
    assert shared_breaker(None, 3, 30.0) is not base
    assert shared_breaker(None, 2, 60.0) is not base
    assert shared_breaker(None, 2, 30) is base  # an int cool-down is the same setting
