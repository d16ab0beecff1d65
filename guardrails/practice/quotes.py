"""Spans of a draft that quote someone else: the customer's words are not ours to judge.

A draft may repeat what the customer wrote: in Japanese corner brackets (「ログインできません」
とのことですが), in English double quotes, on email quote lines ("> I can't log in"), or after
"you said / wrote / mentioned" to the end of that sentence. Checks of our own wording (tone's
refusals and blame) skip these spans.
"""

from __future__ import annotations

import re

# Japanese quotes in corner brackets 「」 and 『』: also what the injection check empties to
# read a sentence's own mood (guardrails.injection_model), so it is defined once, here.
CORNER_QUOTE = re.compile(r"「[^「」]*」|『[^『』]*』")
_BRACKETED = re.compile(rf"{CORNER_QUOTE.pattern}|\"[^\"\n]*\"|“[^”\n]*”")
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_REPORTED = re.compile(
    r"\byou (?:said|wrote|mentioned|told us|reported|noted|explained|described)\b[^.!?\n]*",
    re.IGNORECASE,
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of ``text`` that quote or report someone else's words."""
    spans = [
        m.span() for pattern in (_BRACKETED, _QUOTE_LINE, _REPORTED) for m in pattern.finditer(text)
    ]
    return sorted(spans)


def is_quoted(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the span ``start``-``end`` lies inside one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)
