"""``language_mismatch`` (verify): the draft is not in the customer's language."""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext
from guardrails.language import detect_language

LANGUAGE_NAMES = {"en": "English", "ja": "Japanese"}


class LanguageMismatch(GuardrailBase):
    """Compares the draft's detected language with the customer's."""

    code: ClassVar[FlagCode] = "language_mismatch"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return a finding when the draft's language differs from the customer's."""
        if not draft.strip():
            return []
        # Detect from the text itself: an agent may have edited the draft since it was made.
        drafted = detect_language(draft)
        wanted = ctx.customer_language
        if drafted == wanted:
            return []
        return [
            self.finding(
                message=(
                    f"The draft is in {LANGUAGE_NAMES.get(drafted, drafted)} but the customer "
                    f"wrote in {LANGUAGE_NAMES.get(wanted, wanted)}."
                ),
                evidence=f"{drafted}!={wanted}",
            )
        ]
