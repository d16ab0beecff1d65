"""Lines that open a forwarded message or a postscript in a mail body: one source for every reader.

The service's normaliser cuts a thread's history at them, and the ask extraction reads what
follows them when the customer's own words ask nothing; a postscript below a sign-off is the
customer's own words to both. Kept in a module of its own (only ``re`` and the width fold)
so the service imports it without loading the guardrails' language engines.
"""

from __future__ import annotations

import re

from guardrails.language import normalise_width

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
# What follows "P S" in a sender's name under a sign-off ("P S Kumar", "P. S. Rao"): capitalised
# words only, at most three, no sentence.
_NAME_AFTER = re.compile(r"(?:[A-Z][\w'’-]*+\.?\s*){1,3}")
_NAME_CHARS = 40


def is_postscript(line: str) -> bool:
    """True for a line that opens a postscript: "P.S. can you ...", "ＰＳ …", 「追伸：…」.

    Read on the width-folded line (a Japanese keyboard types 「Ｐ．Ｓ．」). A line holding
    only initials and a name ("P S Kumar" under "Thanks,") is the sender's name, not a
    postscript; "P.S. Love the new app" and a marker alone on its line are.
    """
    folded = normalise_width(line)
    match = POSTSCRIPT.match(folded)
    if match is None:
        return False
    rest = folded[match.end() :].strip()
    return not (rest and len(rest) <= _NAME_CHARS and _NAME_AFTER.fullmatch(rest))
