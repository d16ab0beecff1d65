"""Question and exclamation marks as people type them, folded to one form.

"Any update?!", "is it open??", 「ある?!」, or a full-width "？" typed after English with the IME
on ask what "Any update?", "is it open?" and 「ある？」 ask. Readers of asks test for one
question mark at a sentence end; a run of marks, or a mark of the other width, read as no
question. Folding once, before any rule reads the text, keeps every rule to one form.
"""

from __future__ import annotations

import re

# A run of marks that holds a question mark ("??", "?!", "!?", "？？", "?！").
# Read from the start of a run only: from every mark of a long "!!!!" run it cost the square.
_QUESTION_RUN = re.compile(r"(?<![?？!！])[!！]*[?？][?？!！]*+")
# A run of exclamation marks, full width or mixed ("！！", "!！").
_EXCLAIM_RUN = re.compile(r"[!！]+")


def _latin_before(text: str, start: int) -> bool:
    """True when the mark at ``start`` closes Latin text (or opens the text)."""
    before = text[:start].rstrip()
    return not before or before[-1].isascii()


def fold_marks(text: str) -> str:
    """``text`` with each run of marks holding a "?" one question mark, "!" runs one "!".

    The mark takes the width of the script before it: "?" after English, "？" after Japanese
    (a half-width "?" after Japanese is read as the full-width one).
    """
    if "?" not in text and "？" not in text and "!" not in text and "！" not in text:
        return text

    def question(match: re.Match[str]) -> str:
        return "?" if _latin_before(text, match.start()) else "？"

    folded = _QUESTION_RUN.sub(question, text)

    def exclaim(match: re.Match[str]) -> str:
        return "!" if _latin_before(folded, match.start()) else "！"

    return _EXCLAIM_RUN.sub(exclaim, folded)
