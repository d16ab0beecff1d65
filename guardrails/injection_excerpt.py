"""The excerpt an injection finding quotes, cut from the customer's text as written.

The injection check reads a text derived from the customer's: normalised
(:func:`guardrails.normalise.normalise`), lower-cased, the customer's own retractions and
language requests blanked, whitespace collapsed. A finding's excerpt becomes its evidence, which
is masked at rest; the masker must see what the customer wrote ("Maria Lopez", not "maria
lopez", whose name recogniser depends on case), so the span found in the derived text is traced
back through each step to the original's span, disguises included, and the excerpt is cut
there. A span that cannot be traced is never quoted from the derived text: the excerpt is then
:data:`NOT_QUOTED`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from guardrails.injection_fold import fold_traced
from guardrails.injection_windows import collapse
from guardrails.japanese import phrase_starts
from guardrails.language import JAPANESE, KANJI, KATAKANA_LETTERS
from guardrails.normalise import TOKEN
from guardrails.span_steps import Segments, SpanStep

__all__ = [
    "BlankingRule",
    "EXCERPT_CHARS",
    "MAX_ORIGINAL_CHARS",
    "NOT_QUOTED",
    "Traced",
    "blank",
    "excerpt",
]

EXCERPT_CHARS = 80
# The most characters of the original an excerpt spans: characters the fold drops (zero-width,
# soft hyphens, bidi controls) are not counted in EXCERPT_CHARS but stay in the original's span,
# and 50,000 of them inside a word would otherwise all be quoted and stored.
MAX_ORIGINAL_CHARS = 4 * EXCERPT_CHARS
# What a finding quotes when its window cannot be traced back to the customer's text.
NOT_QUOTED = "[excerpt not shown]"
# A sentence ends at a stop followed by a space (not the dot of "example.com"), or a line break.
# Searched in the whole text (``pos``/``endpos`` past the bound), so the lookahead sees the
# character that really follows: at a slice's end ``$`` would take "mail." for a stop.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]|\n")
# A character a value (card, phone number, email address) is typed with: a letter or digit
# (full-width too), a sign or separator of a number or an address, or a format character the
# normaliser drops (a zero-width space inside an address).
_VALUE_CHAR = (
    r"[\dA-Za-z@+()%_.\-\u00ad\u200b-\u200f\u2010-\u2015\u2060\u2212\u30fc\ufeff"
    r"\uff08\uff09\uff0b\uff0d\uff0e\uff20\uff21-\uff3a\uff41-\uff5a]"
)
# A value: a run of those holding a digit or an "@" ("4111-1111", "GB82"), joined to the next
# such run across what is typed between the groups of one number: a space or two
# ("4111 1111 1111 1111", "+44 20 7946 0958"); or, between two runs that hold a digit, a spaced
# sign ("415 - 867 - 5309", "12 / 34") and a group of up to four letters, such as an IBAN's
# bank code ("GB82 WEST 1234 5698 7654 32", in any case, as the masker reads it; its country
# code and check digits "GB82" are one run). An excerpt never starts or ends strictly inside a
# value: a part of one is no value to the evidence masker. Joining too much is the safe side (it
# only moves the cut: "room 12 and 14 people" holds the value "12 and 14"); only a run holding
# a digit joins across a sign or a word, and never the words around it.
_VALUE_PIECE = rf"{_VALUE_CHAR}*?[\d@\uff20]{_VALUE_CHAR}*"
_DIGIT = r"[\d\uff10-\uff19]"
_DIGIT_PIECE = rf"(?={_VALUE_CHAR}*?{_DIGIT}){_VALUE_PIECE}"
_SPACE = r"[ \t\u00a0\u3000]"
_SIGN = r"[\-/.\u2010-\u2015\u2212\u30fb\uff0d\uff0e\uff0f]"
_SEPARATOR = rf"(?:{_SPACE}{{1,2}}|{_SPACE}{{0,2}}{_SIGN}{_SPACE}{{0,2}})"
_LETTERS = r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]{1,4}"
_VALUE = re.compile(
    rf"{_VALUE_PIECE}"
    rf"(?:{_SPACE}{{1,2}}{_VALUE_PIECE}"
    rf"|(?<={_DIGIT}){_SEPARATOR}(?:{_LETTERS}{_SEPARATOR})?{_DIGIT_PIECE})*"
)
# A run the cut never falls inside when Japanese phrases give no place to cut (a name, a place).
_KANJI_OR_KATAKANA = re.compile(f"[{KANJI}{KATAKANA_LETTERS}]+")
# Characters read past the bound, so the phrase that the bound falls in is read whole.
_PHRASE_LOOKAHEAD = 16
_STOPS = ".!?"
_FULL_STOPS = "。！？"


class Span(Protocol):
    """A found span: a regular-expression match or any object read the same way."""

    def start(self) -> int:
        """Where the span starts."""
        ...

    def end(self) -> int:
        """Where the span ends."""
        ...


class BlankingRule(Protocol):
    """What finds the spans to blank: a compiled pattern, or a structural finder like one."""

    def finditer(self, string: str, /) -> Iterator[Span]:
        """Each span in ``string``, in order, none overlapping."""
        ...


def blank(
    rule: BlankingRule, text: str, twin: str | None = None
) -> tuple[str, Segments, str | None]:
    """``text`` with each match of ``rule`` replaced by a space (the one blanking rule).

    The injection check blanks with it, and the excerpt traces the blanking with it.
    Returns the blanked text, its step (each space stands for the whole match) and ``twin``,
    a text aligned with ``text`` character for character, blanked at the same places (None
    without one).
    """
    pieces: list[str] = []
    twin_pieces: list[str] = []
    step = Segments(len(text))
    last = 0
    for m in rule.finditer(text):
        pieces += [text[last : m.start()], " "]
        if twin is not None:
            twin_pieces += [twin[last : m.start()], " "]
        step.copy(last, m.start())
        step.substitute(1, m.start(), m.end())
        last = m.end()
    pieces.append(text[last:])
    step.copy(last, len(text))
    if twin is None:
        return "".join(pieces), step, None
    twin_pieces.append(twin[last:])
    return "".join(pieces), step, "".join(twin_pieces)


@dataclass(frozen=True)
class Traced:
    """A text derived from the customer's ``original``, with the steps that lead back to it."""

    original: str
    text: str
    steps: tuple[SpanStep, ...] = ()

    @classmethod
    def folded(cls, original: str) -> Traced:
        """:func:`guardrails.injection_fold.fold` of ``original``: normalised, lower-cased."""
        return cls(original, original).fold()

    def fold(self) -> Traced:
        """This text normalised and lower-cased (``fold(self.text)``), traced."""
        folded, steps = fold_traced(self.text)
        return Traced(self.original, folded, (*self.steps, *steps))

    def blank(self, rule: BlankingRule) -> Traced:
        """This text with each match of ``rule`` replaced by a space, traced."""
        blanked, step, _ = blank(rule, self.text)
        return Traced(self.original, blanked, (*self.steps, step))

    def prepare(self) -> Traced:
        """:func:`guardrails.injection_model.prepare` of this text (fold, collapse), traced.

        Built by the detector's own :func:`~guardrails.injection_fold.fold_traced` and
        :func:`~guardrails.injection_windows.collapse`; :func:`excerpt` still compares the
        result with the text the detector read (a blanked clause is traced here).
        """
        folded = self.fold()
        step = Segments(len(folded.text))
        collapsed = collapse(folded.text, step)
        return Traced(self.original, collapsed, (*folded.steps, step))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` came from, disguises included."""
        for step in reversed(self.steps):
            start, end = step.span(start, end)
        return start, end


def excerpt(traced: Traced | None, read: str, start: int, end: int | None = None) -> str:
    """Up to :data:`EXCERPT_CHARS` of ``read[start:end]``, quoted from the original text.

    ``read`` is the text the detector read and ``traced`` the same text rebuilt with its way
    back; when the two differ (or there is no ``traced``) nothing is quoted
    (:data:`NOT_QUOTED`): the derived text has lost the case and form the masker needs. The
    cut is moved to the end of the sentence or word (see :func:`_cut`), and neither end of
    the excerpt is ever inside a value (:data:`_VALUE`). An excerpt spanning more than
    :data:`MAX_ORIGINAL_CHARS` of the original is not quoted.
    """
    if traced is None or traced.text != read:
        return NOT_QUOTED
    stop = len(read) if end is None else end
    first, last = traced.original_span(start, min(stop, start + EXCERPT_CHARS))
    original = traced.original
    moved = _start(original, first)
    if moved is None or moved >= last:
        return NOT_QUOTED  # the window is all one value, or inside one too long to quote
    first = moved
    last = _cut(original, first, last)
    value = _value_at(original, last, max(first, last - EXCERPT_CHARS), last + EXCERPT_CHARS)
    if value is not None:
        # Still inside a value at the bound: the excerpt stops before it, or quotes nothing.
        if value[0] is None or value[0] <= first:
            return NOT_QUOTED
        last = value[0]
    if last - first > MAX_ORIGINAL_CHARS:
        return NOT_QUOTED
    quoted = " ".join(original[first:last].split())
    return quoted or NOT_QUOTED


def _cut(original: str, first: int, last: int) -> int:
    """Where the excerpt ``original[first:last]`` ends so that no value is cut in two.

    At the end of its sentence, when that comes within :data:`EXCERPT_CHARS` more characters
    ("call +1 (415) | 867-5309" or "Maria | Lopez" cut at a space leaves a part the masker no
    longer recognises), or of the text; else at the end of its word; else, in Japanese, at a
    phrase boundary (:func:`_phrase_end`); else (one word running on) where it is. A stop
    counts only when a space, a line break or the text's end really follows it (never the dot
    inside "name@mail.example.org"). A cut inside a value then moves to the value's end when
    that is within the same bound.
    """
    bound = min(len(original), last + EXCERPT_CHARS)
    if _ends_sentence(original, first, last):
        return _past_value(original, last, bound)
    # endpos one past the bound: a stop at the bound's last character sees what follows it.
    end = _SENTENCE_END.search(original, last, bound + 1)
    if end is not None and end.start() < bound:
        return _past_value(original, end.start() + len(end.group().rstrip("\n")), bound)
    if bound == len(original):
        return len(original)  # the text ends first
    word = TOKEN.match(original, last, bound)
    if word is not None and word.end() < bound:
        at = word.end()
    elif word is not None and JAPANESE.search(original, max(first, last - 1), last + 1):
        at = _phrase_end(original, first, last, bound)  # Japanese runs on without spaces
    else:
        at = last
    return _past_value(original, at, bound)


def _phrase_end(original: str, first: int, last: int, bound: int) -> int:
    """Where an excerpt of Japanese ending at ``last`` (no stop, no space in reach) ends.

    At the start of the next phrase (:func:`guardrails.japanese.phrase_starts`) within the
    bound, else of the phrase ``last`` is in: a cut inside "東京都千代田区丸の内" or "山田太郎"
    leaves a part the masker no longer recognises. With no phrase start in reach, at least
    not inside a run of kanji or katakana (its end within the bound, else its start).
    """
    upto = min(len(original), bound + _PHRASE_LOOKAHEAD)
    starts = [first + s for s in phrase_starts(original[first:upto])]
    after = [s for s in starts if last <= s <= bound]
    if after:
        return after[0]
    before = [s for s in starts if first < s < last]
    if before:
        return before[-1]
    for run in _KANJI_OR_KATAKANA.finditer(original, first, upto):
        if run.start() < last < run.end():
            if run.end() <= bound:
                return run.end()
            return run.start() if run.start() > first else last
    return last


def _value_at(original: str, at: int, low: int, high: int) -> tuple[int | None, int | None] | None:
    """The value (:data:`_VALUE`) that position ``at`` is strictly inside, or None.

    It is looked for in ``original[low:high]``; a side that reaches that range's edge (not the
    text's) is None: where the value starts or ends there is not known.
    """
    low, high = max(0, low), min(len(original), high)
    for m in _VALUE.finditer(original, low, high):
        if m.start() >= at:
            return None
        if m.end() > at:
            start = m.start() if m.start() > low or low == 0 else None
            end = m.end() if m.end() < high or high == len(original) else None
            return start, end
    return None


def _past_value(original: str, at: int, bound: int) -> int:
    """``at``, or the end of the value it is inside when that comes before ``bound``."""
    value = _value_at(original, at, at - EXCERPT_CHARS, bound)
    return at if value is None or value[1] is None else value[1]


def _start(original: str, first: int) -> int | None:
    """Where an excerpt that would start at ``first`` starts, so it starts no value midway.

    At the value's own start when that comes within :data:`EXCERPT_CHARS` before it (the value
    is quoted whole, for the masker), else after the value; None when neither is in reach.
    """
    value = _value_at(original, first, first - EXCERPT_CHARS, first + EXCERPT_CHARS)
    if value is None:
        return first
    return value[0] if value[0] is not None else value[1]


def _ends_sentence(original: str, first: int, last: int) -> bool:
    """Whether ``original[first:last]`` already ends a sentence, trailing spaces aside."""
    at = last
    while at > first and original[at - 1].isspace():
        if original[at - 1] == "\n":
            return True
        at -= 1
    if at == first:
        return False
    if original[at - 1] in _FULL_STOPS:
        return True
    # A stop ends a sentence only when what really follows it is a space or nothing.
    return original[at - 1] in _STOPS and (
        at < last or last == len(original) or original[last].isspace()
    )
