"""Lines that open a forwarded message inside a mail body: one source for every reader.

The service's normaliser cuts a thread's history at them, and the ask extraction reads what
follows them when the customer's own words ask nothing. Kept in a module of its own (only
``re``) so the service imports it without loading the guardrails' language engines.
"""

from __future__ import annotations

import re

# "---------- Forwarded message ---------", "Begin forwarded message:", 「---------- 転送メッセ
# ージ ----------」 (the text form, for other patterns to embed).
FORWARD_HEADER_TEXT = r"-{2,}\s*(?:forwarded\s+message|転送メッセージ)|begin\s+forwarded\s+message"
FORWARD_HEADER = re.compile(rf"^\s*(?:{FORWARD_HEADER_TEXT})", re.IGNORECASE)
# Header lines of a forwarded message before its text ("From: ...", 「件名：...」).
FORWARDED_FIELD = re.compile(
    r"^\s*(?:from|to|cc|date|sent|subject|差出人|送信者|宛先|日付|送信日時|件名)\s*[:：]",
    re.IGNORECASE,
)
