"""Pick the backend for a request: the configured model, a per-request model, or offline."""

from __future__ import annotations

import threading

from service.backends.base import ModelBackend
from service.backends.breaker import CircuitBreaker, breaker_from
from service.backends.litellm_backend import LiteLLMBackend
from service.backends.presets import resolve_endpoint
from service.backends.store_outage import STORE_COOLDOWN_S
from service.settings import Settings

OFFLINE = "offline"


def litellm_from_settings(settings: Settings, model: str) -> LiteLLMBackend:
    """A litellm backend for ``model`` with the configured endpoint, retries and fallbacks."""
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    api_base, api_key = resolve_endpoint(settings.llm_preset, settings.llm_api_base, key)
    return LiteLLMBackend(
        model,
        api_base=api_base,
        api_key=api_key,
        fallback_models=settings.llm_fallback_models,
        timeout_s=settings.llm_timeout_s,
        max_attempts=settings.llm_max_attempts,
        backoff_max_s=settings.llm_backoff_max_s,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        deadline_s=settings.llm_deadline_s,
        streamed=settings.llm_stream,
        breaker=breaker_for(settings),
    )


class SharedBreakers:
    """One breaker per process for each combination of settings (state in Redis when set).

    Not ``functools.lru_cache``: it keyed a call by how its arguments were passed, so a call
    leaving the store's cool-down at its default and one naming it got different breakers, and
    two threads asking for a breaker first at once each built one (the loop's and
    ``/readyz``'s thread). Here the key is what the breaker depends on: without a Redis URL the
    store's cool-down is no part of it (there is no store to skip), so tests asking for
    ``shared_breaker(None, threshold, cooldown_s)`` get the app's breaker whatever
    ``REPLYDRAFT_LLM_BREAKER_STORE_COOLDOWN_S`` says.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._made: dict[tuple[str | None, int, float, float], CircuitBreaker] = {}

    def __call__(
        self,
        redis_url: str | None,
        threshold: int,
        cooldown_s: float,
        store_cooldown_s: float = STORE_COOLDOWN_S,
    ) -> CircuitBreaker:
        """The process's breaker for these settings, built on first use."""
        # breaker_from's test: only a Redis URL makes a store the cool-down applies to.
        store_key = float(store_cooldown_s) if redis_url else STORE_COOLDOWN_S
        key = (redis_url, threshold, float(cooldown_s), store_key)
        with self._lock:
            if key not in self._made:
                self._made[key] = breaker_from(
                    redis_url,
                    threshold=threshold,
                    cooldown_s=cooldown_s,
                    store_cooldown_s=store_cooldown_s,
                )
            return self._made[key]

    def cache_clear(self) -> None:
        """Forget every breaker (tests start each with closed ones)."""
        with self._lock:
            self._made.clear()


shared_breaker = SharedBreakers()


def breaker_for(settings: Settings) -> CircuitBreaker:
    """The process's breaker for ``settings`` (drafting and reports read the same one)."""
    return shared_breaker(
        settings.redis_url,
        settings.llm_breaker_threshold,
        settings.llm_breaker_cooldown_s,
        settings.llm_breaker_store_cooldown_s,
    )


def judge_backend_from_settings(settings: Settings, model: str) -> LiteLLMBackend:
    """A litellm backend for an LLM judge: the endpoint of drafting, the judge's own limits.

    No fallback models: a judge that cannot answer says so (``judge_unavailable``) rather
    than being silently replaced by another model.
    """
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    api_base, api_key = resolve_endpoint(settings.llm_preset, settings.llm_api_base, key)
    return LiteLLMBackend(
        model,
        api_base=api_base,
        api_key=api_key,
        timeout_s=settings.judge_timeout_s,
        max_attempts=settings.judge_max_attempts,
        backoff_max_s=settings.llm_backoff_max_s,
        temperature=0.0,
        max_tokens=settings.judge_max_tokens,
    )


class BackendSelector:
    """Holds the offline drafter and the configured remote backend, built once per process."""

    def __init__(self, settings: Settings, offline: ModelBackend) -> None:
        self.settings = settings
        self.offline = offline
        configured = settings.llm_model
        self.default: ModelBackend = (
            litellm_from_settings(settings, configured)
            if configured and configured != OFFLINE
            else offline
        )

    def select(self, model: str | None) -> ModelBackend:
        """The backend for a request's ``model`` field (None = the configured default)."""
        if model is None:
            return self.default
        if model == OFFLINE:
            return self.offline
        if isinstance(self.default, LiteLLMBackend):
            return self.default  # the request's model is passed through to litellm
        return litellm_from_settings(self.settings, model)
