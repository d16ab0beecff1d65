"""Which models a caller may ask for: the operator's allow-list, checked before any call out.

A request's ``model`` is passed to litellm, which would reach whatever provider the string
names. Without a check, any caller could make the server call out to a provider the operator
never configured (or fall back silently on a typo). The default list is what the operator
configured: the model, its fallbacks, and the offline drafter.
"""

from __future__ import annotations

from service.backends.select import OFFLINE
from service.errors import ModelNotAllowedError
from service.settings import Settings


def allowed_models(settings: Settings) -> tuple[str, ...]:
    """The models a request may name, in the order an operator would list them."""
    if settings.llm_allowed_models is not None:
        listed = [m.strip() for m in settings.llm_allowed_models if m.strip()]
        return tuple(dict.fromkeys(listed))
    configured = [settings.llm_model] if settings.llm_model else []
    return tuple(dict.fromkeys([*configured, *settings.llm_fallback_models, OFFLINE]))


def check_requested_model(model: str | None, settings: Settings) -> None:
    """Raise ``ModelNotAllowedError`` (422) for a ``model`` outside the allow-list.

    ``None`` (the configured default) is always allowed. The refused string is not echoed
    back or logged: it is caller input, not a model the operator chose.
    """
    if model is None:
        return
    allowed = allowed_models(settings)
    if model not in allowed:
        raise ModelNotAllowedError(
            "this model is not allowed here; allowed: " + ", ".join(allowed),
            details=[{"loc": ["body", "model"], "allowed": list(allowed)}],
        )
