"""``channel_rule`` (verify) and ``public_pii`` (block): the reply's form fits its channel.

- ``social`` is public: no personal details at all, even the customer's own (``public_pii``),
  and an invitation to continue in a private channel (DM, ticket, email).
- ``chat``: short lines, and no email phrasing (「本メール」, "this email", "Dear").
- ``email``: a greeting, a body and a sign-off (``letter``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import entity_noun
from guardrails.pii.ownership import Ownership
from guardrails.practice.letter import lines_of, read_letter

_PRIVATE_CHANNEL = re.compile(
    r"\b(?:DMs?|direct message|private message|message us|send us a (?:message|note)|"
    r"privately|in private|support ticket|open a ticket|contact form|email us|e-mail us|"
    r"reach (?:out to )?us (?:at|via|by)|write to us at|our support team at)\b|"
    r"DM|ダイレクトメッセージ|メッセージ(?:にて|で|を)|お問い合わせフォーム|個別に|非公開|"
    r"メールにて|サポート窓口",
    re.IGNORECASE,
)
# Email phrasing on chat, and its chat wording (the fix is mechanical).
_EMAIL_PHRASES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"本メール|このメール"), "このチャット"),
    (re.compile(r"\bthis (?:e-?mail|email message)\b", re.IGNORECASE), "this chat"),
    (re.compile(r"\b(?:reply|respond) to (?:the|my|our) e-?mail\b", re.IGNORECASE), None),
    (re.compile(r"^\s*Dear\b", re.IGNORECASE | re.MULTILINE), "Hi"),
    (re.compile(r"拝啓|敬具|メールにてご(?:返信|連絡)ください"), None),
)
# A chat line longer than this reads as a pasted letter (characters; Japanese is denser).
_CHAT_LINE_LIMIT = {"en": 280, "ja": 120}
# Personal data on a public channel; a person's first name in the greeting is not listed.
_PUBLIC_TYPES = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "JP_MY_NUMBER",
    "IP_ADDRESS",
    "JP_POSTAL_CODE",
    "JP_ADDRESS",
    "STREET_ADDRESS",
    "PASSWORD",
    "SECRET",
)


def _lang(ctx: GuardrailContext) -> str:
    return "ja" if ctx.draft_language == "ja" else "en"


class ChannelRule(GuardrailBase):
    """``channel_rule``: social invites to a private channel; chat is short; email is a letter."""

    code: ClassVar[FlagCode] = "channel_rule"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Findings for the draft's channel (``ctx.channel``)."""
        if ctx.channel == "social":
            return self._social(draft)
        if ctx.channel == "chat":
            return self._chat(draft, _lang(ctx))
        return self._email(draft, _lang(ctx))

    def _social(self, draft: str) -> list[Finding]:
        if _PRIVATE_CHANNEL.search(draft):
            return []
        return [
            self.finding(
                message="A public reply: invite the customer to a private channel (DM, ticket).",
                evidence="social_private_channel",
            )
        ]

    def _chat(self, draft: str, lang: str) -> list[Finding]:
        found = []
        for pattern, fix in _EMAIL_PHRASES:
            for match in pattern.finditer(draft):
                found.append(
                    self.finding(
                        message="Email phrasing in a chat reply.",
                        span=Span(start=match.start(), end=match.end()),
                        evidence="chat_email_phrasing",
                        suggestion=fix,
                    )
                )
        limit = _CHAT_LINE_LIMIT[lang]
        for line in lines_of(draft):
            if len(line.text) > limit:
                found.append(
                    self.finding(
                        message=f"A chat line of {len(line.text)} characters; keep lines short.",
                        span=Span(start=line.start, end=line.end),
                        evidence="chat_long_line",
                    )
                )
        return found

    def _email(self, draft: str, lang: str) -> list[Finding]:
        letter = read_letter(draft, lang)
        missing = [
            part
            for part, present in (
                ("greeting", letter.greeting is not None),
                ("body", bool(letter.body)),
                ("sign-off", letter.sign_off is not None),
            )
            if not present
        ]
        if not missing:
            return []
        return [
            self.finding(
                message="An email reply needs a greeting, a body and a sign-off; missing: "
                + ", ".join(missing)
                + ".",
                evidence="email_" + "_".join(m.replace("-", "_") for m in missing),
            )
        ]


class PublicPii(GuardrailBase):
    """``public_pii``: personal details in a reply on a public channel, whoever's (block)."""

    code: ClassVar[FlagCode] = "public_pii"
    severity: ClassVar[Severity] = "block"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """On ``social``, flag every personal value except the company's published contacts."""
        if ctx.channel != "social":
            return []
        ownership = Ownership.from_context(ctx)
        entities = self.engine.analyze(draft, ctx.draft_language, entities=list(_PUBLIC_TYPES))
        return [
            self.finding(
                message=f"A public reply contains {entity_noun(ent.type)}; move it to a DM.",
                span=Span(start=ent.start, end=ent.end),
                evidence=ent.type,
            )
            for ent in entities
            if not ownership.is_allowed(draft[ent.start : ent.end])
        ]
