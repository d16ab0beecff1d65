"""The one place guardrails are registered, by name.

A plain tuple of defaults and a dict of factories, like presidio's recognizer registry:
an unknown name is an error that lists the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from guardrails.base import Guardrail
from guardrails.pii.guardrails import ForeignPiiGuardrail, SensitivePiiGuardrail
from guardrails.resources import GuardrailResources
from guardrails.verify.banned_phrase import BannedPhrase
from guardrails.verify.commitment import Commitment
from guardrails.verify.language_mismatch import LanguageMismatch
from guardrails.verify.missing_attachment import MissingAttachment
from guardrails.verify.placeholder_left import PlaceholderLeft
from guardrails.verify.prompt_injection import PromptInjection
from guardrails.verify.stale_article import StaleArticle
from guardrails.verify.ungrounded_figure import UngroundedFigure
from guardrails.verify.unverified_link import UnverifiedLink
from guardrails.verify.wrong_name import WrongName

GuardrailFactory = Callable[[GuardrailResources], Guardrail]

# name -> factory. Each guardrail module adds its entry here, nowhere else.
GUARDRAIL_FACTORIES: dict[str, GuardrailFactory] = {
    "foreign_pii": lambda r: ForeignPiiGuardrail(r.pii.get()),
    "sensitive_pii": lambda r: SensitivePiiGuardrail(r.pii.get()),
    "unverified_link": lambda r: UnverifiedLink(),
    "ungrounded_figure": lambda r: UngroundedFigure(),
    "commitment": lambda r: Commitment(),
    "stale_article": lambda r: StaleArticle(),
    "missing_attachment": lambda r: MissingAttachment(),
    "placeholder_left": lambda r: PlaceholderLeft(),
    "wrong_name": lambda r: WrongName(),
    "language_mismatch": lambda r: LanguageMismatch(),
    "prompt_injection": lambda r: PromptInjection(),
    "banned_phrase": lambda r: BannedPhrase(),
}

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
