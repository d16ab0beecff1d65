"""``banned_phrase`` (verify): a phrase the brand's voice guide bans."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.language import normalise_width

_CACHED_VOICES = 64


@lru_cache(maxsize=_CACHED_VOICES)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation per voice guide, compiled once and reused across drafts."""
    parts = []
    for phrase in sorted({normalise_width(p.strip()) for p in phrases if p.strip()}, key=len):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        # Word boundaries only where the phrase starts/ends with a Latin word character.
        left = r"\b" if phrase[0].isascii() and phrase[0].isalnum() else ""
        right = r"\b" if phrase[-1].isascii() and phrase[-1].isalnum() else ""
        parts.append(f"{left}{body}{right}")
    if not parts:
        return None
    return re.compile("|".join(reversed(parts)), re.IGNORECASE)


class BannedPhrase(GuardrailBase):
    """Flags each occurrence of a phrase listed in ``voice.banned_phrases``."""

    code: ClassVar[FlagCode] = "banned_phrase"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one verify finding per banned phrase occurrence."""
        pattern = _pattern(ctx.voice.banned_phrases)
        if pattern is None:
            return []
        return [
            self.finding(
                message=f'The voice guide bans "{m.group()}": rephrase it.',
                span=Span(start=m.start(), end=m.end()),
                evidence=m.group(),
            )
            for m in pattern.finditer(normalise_width(draft))
        ]
