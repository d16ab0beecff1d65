"""Lines that open a forwarded message or a postscript in a mail body: one source for every reader.

The service's normaliser cuts a thread's history at them, and the ask extraction reads what
follows them when the customer's own words ask nothing; a postscript below a sign-off is the
customer's own words to both. Kept in a module of its own (only
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
# A postscript opening a line ("P.S. ...", "PS can you ...", "P.P.S.", 「追伸：」): the customer
# writing on below their sign-off and name. The service keeps it in the body (not the
# signature) and the ask extraction reads it as the customer's words.
POSTSCRIPT = re.compile(r"^\s*(?:(?:p\.?\s?){1,2}s\b\.?|追伸|二伸)", re.IGNORECASE)
