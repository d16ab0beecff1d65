"""``customer_shared_secret`` (verify): the customer posted a secret; the reply should say so.

When the customer's latest turn holds a full card number, a password or a national ID (My
Number, SSN), as the PII engine finds them, the reply asks them not to send it again (and to
change a password). The check notices that request missing.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext
from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import entity_noun
from guardrails.text.negation import EN_DO_NOT

_SECRET_TYPES = ["CREDIT_CARD", "PASSWORD", "JP_MY_NUMBER", "US_SSN"]
# Cheap gate before the detector: a long digit run or a word that introduces a secret.
_MAYBE_SECRET = re.compile(
    r"\d[\d\s-]{8,}\d|[０-９]{12}|pass(?:word|code)|\bpw\b|\bpin\b|social security|"
    r"パスワード|暗証番号|マイナンバー|個人番号",
    re.IGNORECASE,
)
_ASKS_NOT_TO = re.compile(
    rf"\b(?:please |kindly )?(?:{EN_DO_NOT}|avoid|refrain from|no need to)\s+"
    r"(?:\w+\s+){0,3}?(?:shar|send|post|includ|writ|email|e-mail|type|giv|put|disclos|repl)"
    r"\w*|\bfor your (?:security|safety|protection)\b|\bwe (?:will )?never ask\b|"
    r"\b(?:removed?|deleted?|redacted?) (?:it|them|your [\w ]{0,20}?(?:number|password|details))"
    r"|\bchange your password\b|\bnot (?:safe|secure) to (?:send|share|email)\b|"
    r"(?:お送り|ご記載|記載|ご共有|共有|送信|ご送信|お知らせ|ご入力|書き込|ご記入|記入|掲載|お伝え)"
    r"(?:に|を)?(?:ならない|なさらない|しない|されない|いただかない|なさいません)|"
    r"お控え(?:ください|いただ)|ご遠慮(?:ください|いただ)|必要はございません|"
    r"パスワードを?(?:変更|再設定)|(?:削除|消去)いたしました",
    re.IGNORECASE,
)


class CustomerSharedSecret(GuardrailBase):
    """``customer_shared_secret``: the customer sent a secret and the draft does not warn them."""

    code: ClassVar[FlagCode] = "customer_shared_secret"
    severity: ClassVar[Severity] = "verify"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """One finding per kind of secret the customer posted, when the draft says nothing."""
        latest = "\n".join(m.body for m in ctx.latest_customer_turn)
        if not _MAYBE_SECRET.search(latest) or _ASKS_NOT_TO.search(draft):
            return []
        found = self.engine.analyze(latest, ctx.customer_language, entities=_SECRET_TYPES)
        kinds = list(dict.fromkeys(ent.type for ent in found))
        return [
            self.finding(
                message=f"The customer posted {entity_noun(kind)}; ask them not to send it "
                "by email or chat again.",
                evidence=kind,
            )
            for kind in kinds
        ]
