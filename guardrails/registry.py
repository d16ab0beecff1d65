"""The one place guardrails are registered, by name.

A plain tuple of defaults and a dict of factories, like presidio's recognizer registry:
an unknown name is an error that lists the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from guardrails.base import Guardrail
from guardrails.pii.guardrails import ForeignPiiGuardrail, SensitivePiiGuardrail
from guardrails.practice.channel import ChannelRule, PublicPii
from guardrails.practice.customer_secret import CustomerSharedSecret
from guardrails.practice.escalation import Escalation
from guardrails.practice.proofreading import Proofreading
from guardrails.practice.signature import Signature
from guardrails.practice.subject import Subject
from guardrails.practice.tone import Tone
from guardrails.resources import GuardrailResources
from guardrails.verify.banned_phrase import BannedPhrase
from guardrails.verify.commitment import Commitment
from guardrails.verify.language_mismatch import LanguageMismatch
from guardrails.verify.missing_attachment import MissingAttachment
from guardrails.verify.placeholder_left import PlaceholderLeft
from guardrails.verify.prompt_echo import PromptEcho
from guardrails.verify.prompt_injection import PromptInjection
from guardrails.verify.stale_article import StaleArticle
from guardrails.verify.ungrounded_figure import UngroundedFigure
from guardrails.verify.unverified_link import UnverifiedLink
from guardrails.verify.wrong_name import WrongName

GuardrailFactory = Callable[[GuardrailResources], Guardrail]

# (class, factory) pairs. Each guardrail module adds its entry here, nowhere else; the registry
# name is the class's own ``code``, so a name is never written twice.
_REGISTERED: tuple[tuple[type[Guardrail], GuardrailFactory], ...] = (
    (ForeignPiiGuardrail, lambda r: ForeignPiiGuardrail(r.pii.get())),
    (SensitivePiiGuardrail, lambda r: SensitivePiiGuardrail(r.pii.get())),
    (UnverifiedLink, lambda r: UnverifiedLink()),
    (UngroundedFigure, lambda r: UngroundedFigure()),
    (Commitment, lambda r: Commitment()),
    (StaleArticle, lambda r: StaleArticle()),
    (MissingAttachment, lambda r: MissingAttachment()),
    (PlaceholderLeft, lambda r: PlaceholderLeft()),
    (WrongName, lambda r: WrongName()),
    (LanguageMismatch, lambda r: LanguageMismatch()),
    (PromptInjection, lambda r: PromptInjection()),
    (BannedPhrase, lambda r: BannedPhrase()),
    (Proofreading, lambda r: Proofreading()),
    (Tone, lambda r: Tone()),
    (Escalation, lambda r: Escalation(r.pii.get())),
    (ChannelRule, lambda r: ChannelRule()),
    (PublicPii, lambda r: PublicPii(r.pii.get())),
    (Subject, lambda r: Subject()),
    (Signature, lambda r: Signature()),
    (CustomerSharedSecret, lambda r: CustomerSharedSecret(r.pii.get())),
    (PromptEcho, lambda r: PromptEcho()),
)

GUARDRAIL_CLASSES: dict[str, type[Guardrail]] = {cls.code: cls for cls, _ in _REGISTERED}
GUARDRAIL_FACTORIES: dict[str, GuardrailFactory] = {cls.code: make for cls, make in _REGISTERED}

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
