"""``placeholder_left`` (block): template residue that must never reach a customer."""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext

PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]{0,60}\}\}|\{%[^%\n]{0,60}%\}|\$\{[A-Za-z_][\w.]*\}"  # {{name}}, {% x %}, ${x}
    r"|<[A-Z][A-Z_]*_\d+>|＜[^＞\n]{1,20}＞"  # <PERSON_1>, ＜氏名＞
    # [CUSTOMER NAME], [Your Name], [insert date]: square brackets round a label (not a link).
    r"|\[(?:[A-Z][A-Z0-9 _/-]{1,40}|(?:[Ii]nsert|[Yy]our|[Cc]ustomer|[Aa]gent)\b[^\]\n]{0,40}"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Name|Number|Date|Link|URL|Email|Amount))\](?!\()"
    r"|【[^】\n]{0,15}(?:名|番号|日付|URL|金額|氏名)[^】\n]{0,5}】"  # 【お客様名】
    r"|[○〇◯●×✕]{2,}"  # ○○様, ××円
    r"|\bX{2,}(?:[.,]X+)?\b|\bTODO\b|\bTBD\b|\bFIXME\b",
)


class PlaceholderLeft(GuardrailBase):
    """Flags template placeholders left in the draft."""

    code: ClassVar[FlagCode] = "placeholder_left"
    severity: ClassVar[Severity] = "block"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one block finding per placeholder."""
        return [
            self.finding(
                message=f"Template placeholder left in the draft: {m.group()!s}",
                span=Span(start=m.start(), end=m.end()),
                evidence=m.group(),
            )
            for m in PLACEHOLDER.finditer(draft)
        ]
