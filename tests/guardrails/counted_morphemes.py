"""Morphemes that count the work done on them, for linearity tests that time nothing.

A rule that reads a run of words back from each of its positions does work proportional to
the run's length squared; counting each morpheme read or copied out of the sentence tells
that apart from linear work on any machine, loaded or not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import SupportsIndex, overload

from guardrails.injection_japanese import Morpheme


class CountedMorphemes(tuple[Morpheme, ...]):
    """A sentence's morphemes; ``reads`` counts each one indexed or copied out by a slice.

    A slice counts its length and counts on into the same total (what a rule reads of the
    rest of a sentence it copied is work too).
    """

    _counter: list[int]

    def __new__(
        cls, items: Iterable[Morpheme], counter: list[int] | None = None
    ) -> CountedMorphemes:
        """The morphemes ``items``, counting into ``counter`` (a new count when None)."""
        made = super().__new__(cls, items)
        made._counter = [0] if counter is None else counter
        return made

    @property
    def reads(self) -> int:
        """Morphemes read or copied so far, through this tuple and its slices."""
        return self._counter[0]

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> Morpheme: ...
    @overload
    def __getitem__(self, key: slice, /) -> tuple[Morpheme, ...]: ...
    def __getitem__(self, key: SupportsIndex | slice, /) -> Morpheme | tuple[Morpheme, ...]:
        if isinstance(key, slice):
            part = CountedMorphemes(super().__getitem__(key), self._counter)
            self._counter[0] += len(part)
            return part
        self._counter[0] += 1
        return super().__getitem__(key)
