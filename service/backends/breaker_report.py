"""Each model's circuit breaker as ``/readyz`` and ``/metrics`` report it: one source for both.

Which models: every one a call can go to, so every breaker that can open shows (the operator's
allow-list, ``service.model_policy``, and the configured model and fallbacks, which are called
even when an explicit allow-list leaves them out). The offline drafter has no breaker.
"""

from __future__ import annotations

from service.backends.breaker import ReportedState
from service.backends.select import OFFLINE, breaker_for
from service.model_policy import allowed_models
from service.settings import Settings


def breaker_models(settings: Settings) -> tuple[str, ...]:
    """The models that have a breaker: configured, fallbacks and allowed, offline left out."""
    configured = [settings.llm_model] if settings.llm_model else []
    listed = [*configured, *settings.llm_fallback_models, *allowed_models(settings)]
    return tuple(m for m in dict.fromkeys(listed) if m != OFFLINE)


def breaker_states(settings: Settings) -> dict[str, ReportedState]:
    """Closed / open / half_open (unknown: shared store unreadable) for each breaker model.

    Read in one round-trip from Redis when the breaker is shared.
    """
    models = breaker_models(settings)
    if not models:
        return {}
    return breaker_for(settings).states(models)
