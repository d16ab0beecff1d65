"""``subject`` (info): a specific subject line that names the matter and its order number.

"Update on your order #48213", not "Order update"; 「ご注文番号 48213 の返金について」. The
subject checked is the draft's own ``Subject:`` / 「件名：」 line when it has one, else the
thread's subject, which the reply carries as "Re: ...". Only email replies have subjects; with
neither, there is nothing to judge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.practice.matter import matter_subject
from guardrails.practice.references import references, thread_references
from guardrails.terms import en_terms, ja_terms

_SUBJECT_LINE = re.compile(r"\A\s*(?:subject|件名)\s*[:：]\s*(?P<subject>[^\n]+)", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fw|fwd|aw)\s*[:：]\s*)+", re.IGNORECASE)
# Words that say a message exists, not what it is about (stemmed by ``terms.en_terms``).
_EN_GENERIC = frozenset(
    en_terms(
        """order update question inquiry enquiry help support issue problem request hello urgent
        query info information important contact customer service response reply ticket case
        account message follow followup quick regarding concern feedback assistance status
        needed required asap"""
    )
)
_JA_GENERIC = frozenset(
    "注文 質問 連絡 確認 回答 返信 対応 相談 要望 問題 至急 件名 不明 明点 依頼 願い 案内 "
    "返答 急ぎ 緊急 件 状況 困".split()
)


def is_vague(subject: str, lang: str) -> bool:
    """True when nothing in the subject names a matter: only "order", "question" and the like.

    An order or ticket number names the matter by itself ("Update on your order #48213").
    """
    text = _REPLY_PREFIX.sub("", subject)
    if references(text):
        return False  # "Update on your order #48213" names its matter by the number
    if lang == "ja":
        specific = {t for t in ja_terms(text) if t not in _JA_GENERIC}
        specific |= {t for t in en_terms(text) if t not in _EN_GENERIC and not t.startswith("#")}
    else:
        specific = {t for t in en_terms(text) if t not in _EN_GENERIC and not t.startswith("#")}
    return not specific


def _with_reference(subject: str, reference: str, lang: str) -> str:
    if lang == "ja":
        return f"{subject}（ご注文番号 {reference}）"
    return f"{subject} (order #{reference})"


def fuller_subject(subject: str, bodies: Sequence[str], lang: str, *, restate: bool = True) -> str:
    """The subject (without "Re:") naming the matter and the thread's order/ticket number.

    The one rule for a reply's subject, used by the drafters and suggested by the check: a
    vague subject ("Question", 「お問い合わせ」) is replaced by the thread's matter
    (``matter.matter_subject``), and the first number the thread names is added when the
    subject lacks it. ``bodies`` are the thread's messages, the customer's opening first;
    ``restate`` is false when the customer wrote in another language than the reply.
    """
    text = _REPLY_PREFIX.sub("", subject).strip()
    if restate and is_vague(text, lang):
        text = matter_subject(bodies, lang) or text
    named = thread_references(subject, list(bodies))
    missing = [r for r in named if r not in references(text) and r not in text]
    return _with_reference(text, missing[0], lang) if missing else text


class Subject(GuardrailBase):
    """``subject``: the email's subject is missing, vague, or lacks the thread's order number."""

    code: ClassVar[FlagCode] = "subject"
    severity: ClassVar[Severity] = "info"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """At most one finding: what the subject lacks, with a fuller subject when clear."""
        if ctx.channel != "email":
            return []
        lang = "ja" if ctx.draft_language == "ja" else "en"
        own = _SUBJECT_LINE.match(draft)
        span = Span(start=own.start("subject"), end=own.end("subject")) if own else None
        subject = (own.group("subject") if own else ctx.subject or "").strip()
        if not subject:
            return []  # no subject to read (the helpdesk keeps its own); nothing to judge
        named = thread_references(ctx.subject, [m.body for m in ctx.messages])
        missing = [r for r in named if r not in references(subject) and r not in subject]
        vague = is_vague(subject, lang)
        if not (missing or vague):
            return []
        customer = [m.body for m in ctx.messages if m.role == "customer"]
        others = [m.body for m in ctx.messages if m.role != "customer"]
        # The matter is restated from the customer's words, so only in their language.
        suggestion: str | None = fuller_subject(
            subject, customer + others, lang, restate=ctx.customer_language == lang
        )
        if suggestion == _REPLY_PREFIX.sub("", subject).strip():
            suggestion = None  # nothing in the thread names the matter either
        if vague:
            message = "The subject is vague; name the matter (e.g. the refund, the login)"
            message += " and the order or ticket number." if missing else "."
            return [
                self.finding(message=message, span=span, evidence="vague", suggestion=suggestion)
            ]
        return [
            self.finding(
                message="The subject does not name the order or ticket number.",
                span=span,
                evidence="no_reference",
                suggestion=suggestion,
            )
        ]
