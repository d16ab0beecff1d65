"""Steps that derive one text from another, each able to map a span back to its input.

The injection check reads a text derived from the customer's (folded, blanked, collapsed); its
finding quotes the customer's own text, so each derivation step records where its output came
from. The detectors' own functions (:func:`guardrails.injection_fold.fold_traced`,
:func:`guardrails.injection_windows.collapse`) record these steps as they derive the text, so
the way back is never a second copy of a rule that could drift from the detector's.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Protocol

__all__ = ["Segments", "SpanStep", "Unchanged"]


class SpanStep(Protocol):
    """One derivation step: maps a span of its output back to a span of its input."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input's span for the output span ``[start, end)``."""
        ...


class Segments:
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


class Unchanged:
    """A step that changed no character's place (spans are the same in both texts)."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` itself."""
        return start, end
