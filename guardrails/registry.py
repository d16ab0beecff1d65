"""The one place guardrails are registered, by name.

A plain tuple of defaults and a dict of factories, like presidio's recognizer registry:
an unknown name is an error that lists the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from guardrails.base import Guardrail
from guardrails.resources import GuardrailResources

GuardrailFactory = Callable[[GuardrailResources], Guardrail]

# name -> factory. Each guardrail module adds its entry here, nowhere else.
GUARDRAIL_FACTORIES: dict[str, GuardrailFactory] = {}

DEFAULT_GUARDRAILS: tuple[str, ...] = tuple(GUARDRAIL_FACTORIES)


class UnknownGuardrailError(ValueError):
    """Raised for a guardrail name that is not registered."""


def build_guardrails(
    names: Iterable[str] | None, resources: GuardrailResources
) -> tuple[Guardrail, ...]:
    """Instantiate the named guardrails (default: all registered), in the order given."""
    chosen = tuple(names) if names is not None else DEFAULT_GUARDRAILS
    unknown = [n for n in chosen if n not in GUARDRAIL_FACTORIES]
    if unknown:
        valid = ", ".join(sorted(GUARDRAIL_FACTORIES)) or "(none)"
        raise UnknownGuardrailError(f"unknown guardrail(s) {unknown}; valid: {valid}")
    return tuple(GUARDRAIL_FACTORIES[n](resources) for n in chosen)
