"""``signature`` (info): an email reply is signed with the agent's name, and title when known.

DIGEST (004): sign with the agent's name and title. The signature is the lines after the
sign-off (``letter``); without a sign-off, the last lines of the draft.
"""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.language import normalise_width
from guardrails.practice.letter import read_letter

_TAIL_LINES = 3


def _fold(text: str) -> str:
    return "".join(normalise_width(text).casefold().split())


class Signature(GuardrailBase):
    """``signature``: the agent's name (and title, when the request gives one) in the sign-off."""

    code: ClassVar[FlagCode] = "signature"
    severity: ClassVar[Severity] = "info"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """One finding naming what the signature lacks, with a sign-off that has it."""
        name, title = ctx.agent.name, ctx.agent.title
        if ctx.channel != "email" or not name:
            return []
        letter = read_letter(draft, "ja" if ctx.draft_language == "ja" else "en")
        block = letter.signature or letter.lines[-_TAIL_LINES:]
        signed = _fold("".join(line.text for line in block))
        has_name = any(_fold(part) in signed for part in name.split())
        has_title = not title or _fold(title) in signed
        if has_name and has_title:
            return []
        lacking = [label for label, ok in (("name", has_name), ("title", has_title)) if not ok]
        anchor = letter.sign_off
        suggestion = None
        if anchor is not None:
            suggestion = "\n".join(filter(None, [anchor.text, name, title]))
        return [
            self.finding(
                message="The sign-off lacks the agent's " + " and ".join(lacking) + ".",
                span=Span(start=anchor.start, end=anchor.end) if anchor else None,
                evidence="no_" + "_".join(lacking),
                suggestion=suggestion,
            )
        ]
