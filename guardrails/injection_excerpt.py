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
from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol

from guardrails.normalise import normalise

__all__ = ["EXCERPT_CHARS", "MAX_ORIGINAL_CHARS", "NOT_QUOTED", "Traced", "excerpt"]

EXCERPT_CHARS = 80
# The most characters of the original an excerpt spans: characters the fold drops (zero-width,
# soft hyphens, bidi controls) are not counted in EXCERPT_CHARS but stay in the original's span,
# and 50,000 of them inside a word would otherwise all be quoted and stored.
MAX_ORIGINAL_CHARS = 4 * EXCERPT_CHARS
# What a finding quotes when its window cannot be traced back to the customer's text.
NOT_QUOTED = "[excerpt not shown]"
_TOKEN = re.compile(r"\S+")
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
# A value: a run of those holding a digit or an "@", with the runs a space or two away that
# hold one too ("4111 1111 1111 1111", "+44 20 7946 0958"). An excerpt never starts or ends
# strictly inside one: a part of a value is no value to the evidence masker.
_VALUE_PIECE = rf"{_VALUE_CHAR}*?[\d@\uff20]{_VALUE_CHAR}*"
_VALUE = re.compile(rf"{_VALUE_PIECE}(?:[ \t\u00a0\u3000]{{1,2}}{_VALUE_PIECE})*")
_STOPS = ".!?"
_FULL_STOPS = "。！？"


class _Step(Protocol):
    """One derivation step: maps a span of its output back to a span of its input."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input's span for the output span ``[start, end)``."""
        ...


class _Segments:
    """A step built from segments of its output, in order, each either copied or substituted.

    A copied segment's character ``k`` came from its input's character ``in_start + k``; every
    character of a substituted one (a space standing for a blanked clause or a whitespace
    run) came from the whole input range ``[in_start, in_end)``. Segments never reorder, so a
    span maps to the range from its first character's start to its last character's end.
    """

    def __init__(self, input_length: int) -> None:
        self.input_length = input_length
        self._out_starts: list[int] = []
        self._in_starts: list[int] = []
        self._in_ends: list[int] = []
        self._copied: list[bool] = []
        self._length = 0

    def copy(self, in_start: int, in_end: int) -> None:
        """The next ``in_end - in_start`` output characters are the input's, one for one."""
        if in_end > in_start:
            self._add(in_end - in_start, in_start, in_end, copied=True)

    def substitute(self, length: int, in_start: int, in_end: int) -> None:
        """The next ``length`` output characters stand for the input's ``[in_start, in_end)``."""
        if length > 0:
            self._add(length, in_start, in_end, copied=False)

    def _add(self, length: int, in_start: int, in_end: int, *, copied: bool) -> None:
        self._out_starts.append(self._length)
        self._in_starts.append(in_start)
        self._in_ends.append(in_end)
        self._copied.append(copied)
        self._length += length

    def _range(self, index: int) -> tuple[int, int]:
        k = bisect_right(self._out_starts, index) - 1
        if self._copied[k]:
            at = self._in_starts[k] + index - self._out_starts[k]
            return at, at + 1
        return self._in_starts[k], self._in_ends[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input's span for the output span ``[start, end)`` (an empty one stays empty)."""
        if end <= start:
            at = self._range(start)[0] if start < self._length else self.input_length
            return at, at
        return self._range(start)[0], self._range(end - 1)[1]


class _Same:
    """A step that changed no character's place (spans are the same in both texts)."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` itself."""
        return start, end


def _lowered(text: str) -> tuple[str, _Step]:
    """``text.lower()`` and its step (a letter such as "İ" lowers to two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered, _Same()  # no character changed length
    step = _Segments(len(text))
    run = 0  # start of the current run of characters that lower to one
    for i, char in enumerate(text):
        width = len(char.lower())
        if width != 1:
            step.copy(run, i)
            step.substitute(width, i, i + 1)
            run = i + 1
    step.copy(run, len(text))
    return lowered, step


def _blanked(rule: re.Pattern[str], text: str) -> tuple[str, _Step]:
    """``rule.sub(" ", text)`` and its step: each space stands for the whole match."""
    pieces: list[str] = []
    step = _Segments(len(text))
    last = 0
    for m in rule.finditer(text):
        pieces += [text[last : m.start()], " "]
        step.copy(last, m.start())
        step.substitute(1, m.start(), m.end())
        last = m.end()
    pieces.append(text[last:])
    step.copy(last, len(text))
    return "".join(pieces), step


def _collapsed(text: str) -> tuple[str, _Step]:
    """``guardrails.injection_windows.collapse(text)`` and its step.

    Words are kept, the whitespace between two words becomes one line break when it holds one,
    else one space (a separator stands for the whole run).
    """
    pieces: list[str] = []
    step = _Segments(len(text))
    previous_end: int | None = None
    for m in _TOKEN.finditer(text):
        if previous_end is not None:
            gap = text[previous_end : m.start()]
            pieces.append("\n" if "\n" in gap else " ")
            step.substitute(1, previous_end, m.start())
        pieces.append(m.group())
        step.copy(m.start(), m.end())
        previous_end = m.end()
    return "".join(pieces), step


@dataclass(frozen=True)
class Traced:
    """A text derived from the customer's ``original``, with the steps that lead back to it."""

    original: str
    text: str
    steps: tuple[_Step, ...] = ()

    @classmethod
    def folded(cls, original: str) -> Traced:
        """:func:`guardrails.injection_fold.fold` of ``original``: normalised, lower-cased."""
        return cls(original, original).fold()

    def fold(self) -> Traced:
        """This text normalised and lower-cased (``fold(self.text)``), traced."""
        normalised = normalise(self.text)
        lowered, lower_step = _lowered(normalised.text)
        return Traced(self.original, lowered, (*self.steps, normalised, lower_step))

    def blank(self, rule: re.Pattern[str]) -> Traced:
        """This text with each match of ``rule`` replaced by a space, traced."""
        blanked, step = _blanked(rule, self.text)
        return Traced(self.original, blanked, (*self.steps, step))

    def prepare(self) -> Traced:
        """:func:`guardrails.injection_model.prepare` of this text (fold, collapse), traced.

        :func:`excerpt` compares the result with the text the detector read, so a step that
        ever drifts from the detector's own quotes nothing rather than something wrong.
        """
        folded = self.fold()
        collapsed, step = _collapsed(folded.text)
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
    longer recognises), or of the text; else at the end of its word; else (one word running
    on) where it is. A stop counts only when a space, a line break or the text's end really
    follows it (never the dot inside "name@mail.example.org"). A cut inside a value then
    moves to the value's end when that is within the same bound.
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
    word = _TOKEN.match(original, last, bound)
    at = word.end() if word is not None and word.end() < bound else last
    return _past_value(original, at, bound)


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
