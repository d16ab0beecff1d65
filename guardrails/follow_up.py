"""Our own follow-up time frame: "we will reply within 2 business days", 「2営業日以内にご連絡」.

The seed articles recommend such a cushion with a time frame; it promises our next message,
not an outcome, so the commitment, figure and stale-article guardrails leave it alone.
"""

from __future__ import annotations

import re

DEADLINE = (
    r"(?:by|before|within|no\s+later\s+than|in\s+the\s+next)\s+"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty|"
    r"forty|forty-eight|seventy-two|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tomorrow|tonight|today|the\s+end\s+of|end\s+of|next|this|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
)

# A deadline on our next message to the customer, not on an outcome: the verb closest
# before the deadline decides ("we'll check your refund and get back to you by Friday").
DEADLINE_AT = re.compile(rf"\b{DEADLINE}\b", re.IGNORECASE)
_FOLLOW_UP_EN = re.compile(
    r"\b(?:reply|respond|write\s+back|(?:get|come)\s+back\s+to\s+you|follow\s+up|be\s+in\s+touch|"
    r"let\s+you\s+know|hear\s+(?:back\s+)?from\s+(?:us|me)|(?:contact|call|email|e-mail|phone|update|message)\s+you|"
    r"send\s+you\s+(?:an?\s+)?(?:update|reply|answer|response|message|email|note))\b",
    re.IGNORECASE,
)
_OUTCOME_EN = re.compile(
    r"\b(?:ship|deliver|fix|resolve|refund|credit|replac|restor|reactivat|complet|cancel|waive|"
    r"process|send)\w*",
    re.IGNORECASE,
)
# 「2営業日以内にご連絡いたします」「3日以内に状況をご報告いたします」
# (but 「3日以内に返金いたします」 is an outcome).
_FOLLOW_UP_JA = re.compile(
    r"(?:まで|以内)に[^。\n]*(?:ご連絡|ご返信|ご回答|ご報告|ご案内|お知らせ|お返事|折り返し|お電話)"
    r"(?:を)?(?:いた|致|させていただ|申し上げ)(?:します|ます)[。.!！]*$"
)


def is_follow_up_time_frame(text: str) -> bool:
    """True for "we will reply within 2 business days" / 「2営業日以内にご連絡いたします」.

    ``text`` is a promise or a whole sentence; the deadline must be on our next message.
    """
    promise = text.rstrip()
    if _FOLLOW_UP_JA.search(promise):
        return True
    deadlines = list(DEADLINE_AT.finditer(promise))
    if not deadlines:
        return False
    before = promise[: deadlines[-1].start()]
    follow_up = [m.start() for m in _FOLLOW_UP_EN.finditer(before)]
    outcome = [m.start() for m in _OUTCOME_EN.finditer(before)]
    return bool(follow_up) and max(follow_up) >= max(outcome, default=-1)
