"""Question and exclamation marks as people type them, folded to one form.

"Any update?!", "is it open??", 「ある?!」, or a full-width "？" typed after English with the IME
on ask what "Any update?", "is it open?" and 「ある？」 ask. Readers of asks test for one
question mark at a sentence end; a run of marks, or a mark of the other width, read as no
question. Folding once, before any rule reads the text, keeps every rule to one form; what is shown
to the agent is the customer's own marks again (``as_written``).
"""

from __future__ import annotations

import re

from guardrails.sentences import SENTENCE_STOPS

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


# A mark of the folded text, as it may have been typed: a "?" stands for any run holding one.
_RUN_OF = {
    "?": r"[!！]*[?？][?？!！]*",
    "？": r"[!！]*[?？][?？!！]*",
    "!": r"[!！]+",
    "！": r"[!！]+",
}
_SPACES = re.compile(r"\s+")
# The folded text cut after each run of sentence stops ("Really...?" is one piece): a piece
# ending in "." or "。" has no mark to restore and is kept as it is.
_PIECE = re.compile(rf"[^{SENTENCE_STOPS}]*[{SENTENCE_STOPS}]+|[^{SENTENCE_STOPS}]+$")


def _written_pattern(piece: str) -> re.Pattern[str]:
    """A pattern finding ``piece`` (folded, ending in one mark) in the text it was folded from.

    Its mark may have been a run ("??", "?!") of either width; a space may have been any run of
    white space (a soft line break read as one).
    """
    words = (re.escape(w) for w in _SPACES.split(piece[:-1]))
    return re.compile(r"\s+".join(words) + f"({_RUN_OF[piece[-1]]})")


def as_written(folded: str, original: str, start: int = 0) -> tuple[str, int]:
    """``folded`` (a piece of ``fold_marks(original)``) with the marks ``original`` has there.

    "dispatched?" read from "dispatched??" is shown as "dispatched??": an ask's text is the
    customer's own words. Each sentence of ``folded`` (up to and with its mark) is looked for
    from ``start`` on, and again from the top when not found there, so pieces joined from
    sentences apart are restored each where it stands; a piece not found keeps its folded
    mark. Returns the text and where the last piece found ended (the next ask's ``start``).
    """
    if not any(mark in folded for mark in _RUN_OF):
        return folded, start
    out: list[str] = []
    cursor = start
    for piece in _PIECE.findall(folded):
        if piece[-1] not in _RUN_OF or not piece.strip()[:-1]:
            out.append(piece)  # the tail after the last mark, or a mark standing alone
            continue
        pattern = _written_pattern(piece.lstrip())
        match = pattern.search(original, cursor) or pattern.search(original)
        if match is None:
            out.append(piece)
            continue
        cursor = match.end()
        out.append(piece[:-1] + match.group(1))
    return "".join(out), cursor
