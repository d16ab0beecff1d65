"""A cheap necessary condition of a regex, read off the regex itself: the literals it needs.

A recognizer whose patterns cannot match a text need not run on it; deciding that by running
the patterns costs as much as running the recognizer. :class:`LiteralCue` reads, from the
parsed patterns, literal strings every match must contain ("pass" and "word", or "pass" and
"code", for ``pass(?:word|[- ]?code)``) as alternatives of conjunctions (any match contains
all the literals of at least one conjunction), and tests a text for them by substring search.

It is derived from the pattern (one source: a label added to the pattern is in the cue) and
errs one way only: a text it rejects has no match; a text it accepts may have none.
Lookarounds, word boundaries, character classes and optional parts add no literal (they
constrain less than they match); a case-insensitive pattern's literals are compared on the
text folded the way the ``re`` engine folds case, derived from the engine itself.
"""

from __future__ import annotations

import array
import functools
import importlib
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# The ``re`` module's own parser (``sre_parse`` is its deprecated public name).
_PARSER: Any = importlib.import_module("re._parser")

_Terms = frozenset[frozenset[str]]  # any of the conjunctions; each conjunction: all literals
_MAX_TERMS = 256  # beyond this a sequence keeps its most selective part, not the product
_MAX_SPELLINGS = 64  # spellings of one literal run ("gh" [pousr] "_": five)
_MAX_CLASS = 8  # a class of at most this many single characters is read as alternatives
_TRUE: _Terms | None = None  # no condition: every text may match


def _or(a: _Terms | None, b: _Terms | None) -> _Terms | None:
    return None if a is None or b is None else a | b


def _and(a: _Terms | None, b: _Terms | None) -> _Terms | None:
    if a is None:
        return b
    if b is None:
        return a
    if len(a) * len(b) > _MAX_TERMS:
        return max(a, b, key=_selectivity)
    return frozenset(x | y for x in a for y in b)


def _selectivity(terms: _Terms) -> tuple[int, int]:
    # A text lacking the shortest literal any term rests on is rejected: longer is rarer.
    return (min(max(map(len, t)) for t in terms), -len(terms))


def _spellings(op: Any, av: Any) -> set[str] | None:
    """The strings one item matches when it is a literal or a few literal alternatives."""
    if op is _PARSER.LITERAL:
        return {chr(av)}
    if op is _PARSER.IN and len(av) <= _MAX_CLASS and all(o is _PARSER.LITERAL for o, _ in av):
        return {chr(c) for _, c in av}
    if op is _PARSER.SUBPATTERN and not av[1] and not av[2]:  # no scoped flags
        return _all_spellings(av[-1])
    if op is _PARSER.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            spelled = _all_spellings(alternative)
            if spelled is None:
                return None
            found |= spelled
        return found if len(found) <= _MAX_SPELLINGS else None
    return None


def _all_spellings(items: Any) -> set[str] | None:
    """The strings a sequence matches when every item is literal (else ``None``)."""
    found = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is None:
            return None
        found = {a + b for a in found for b in spelled}
        if len(found) > _MAX_SPELLINGS:
            return None
    return found


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Terms | None:
    """The condition of a sequence: its literal runs and its parts' conditions, all needed."""
    found: _Terms | None = _TRUE
    run = {""}

    def flush() -> None:
        nonlocal found, run
        if run != {""}:
            found = _and(found, frozenset(frozenset({s}) for s in run))
        run = {""}

    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is not None and len(run) * len(spelled) <= _MAX_SPELLINGS:
            run = {a + b for a in run for b in spelled}
            continue
        flush()
        if spelled is not None:
            run = spelled
        else:
            found = _and(found, _item(op, av))
    flush()
    return found


def _item(op: Any, av: Any) -> _Terms | None:
    """The condition one parsed item puts on a match (``None``: none)."""
    if op is _PARSER.SUBPATTERN:
        # A scoped flag ((?i:...)) may change how the literals inside compare: no condition.
        return _sequence(av[-1]) if not av[1] and not av[2] else _TRUE
    if op is _PARSER.BRANCH:
        found: _Terms | None = frozenset()
        for alternative in av[1]:
            found = _or(found, _sequence(alternative))
        return found
    if op in (_PARSER.MAX_REPEAT, _PARSER.MIN_REPEAT, _PARSER.POSSESSIVE_REPEAT):
        low, _high, item = av
        return _sequence(item) if low >= 1 else _TRUE
    if op is _PARSER.ATOMIC_GROUP:
        return _sequence(av)
    return _TRUE  # a class, any character, an assertion, a boundary, a back-reference


@lru_cache(maxsize=64)
def _case_twins(chars: str) -> dict[str, str]:
    """Each character the ``re`` engine takes, case-insensitively, for one of ``chars``.

    Asked of the engine over every code point, not of ``str.lower`` (``re`` also takes the
    long s for s, the dotless i and the dotted capital I for i, the Kelvin sign for k).
    """
    codes = array.array("I", range(0xD800))
    codes.extend(range(0xE000, sys.maxunicode + 1))  # every code point but the surrogates
    every = codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")
    twins: dict[str, str] = {}
    for match in re.finditer("[" + re.escape(chars) + "]", every, re.IGNORECASE):
        found = match.group()
        if found not in chars:
            twins[found] = next(c for c in chars if re.fullmatch(re.escape(c), found, re.I))
    return twins


def _check_foldable(literals: Iterable[str]) -> None:
    """Refuse a literal character whose case twins ``str.lower`` does not bring together.

    Literals are folded with ``str.lower``; ``re`` also matches "ſ" with "s", "ı" with "I",
    "İ" with "i". A literal holding such a character would be compared in a form the text's
    fold never produces, and the cue would reject texts the pattern matches: no cue at all
    is the only safe answer, so building one fails loudly.
    """
    for literal in literals:
        for char in literal:
            lower = char.lower()
            if len(lower) != 1 or lower != char.upper().lower():
                raise ValueError(f"a literal's character U+{ord(char):04X} folds unlike re")


class LiteralCue:
    """Literals every match of some patterns contains; a fast test that a text may match."""

    def __init__(self, patterns: Iterable[str], *, ignore_case: bool) -> None:
        """Read the literals of ``patterns`` (``re`` syntax), case-folded if ``ignore_case``."""
        terms: _Terms | None = frozenset()
        for pattern in patterns:
            flags = re.IGNORECASE if ignore_case else 0
            parsed = _PARSER.parse(pattern, flags)
            if parsed.state.flags & re.IGNORECASE and not ignore_case:
                raise ValueError("an inline (?i) needs ignore_case=True")
            terms = _or(terms, _sequence(parsed))
        if terms is None:
            raise ValueError("a pattern needs no literal: no cue can be read off it")
        self.ignore_case = ignore_case
        if ignore_case:
            _check_foldable(lit for t in terms for lit in t)
        folded = {frozenset(self._fold(lit) for lit in t) for t in terms}
        # A term holding all of another's literals adds nothing ("pass" covers "pass"+"code").
        self.terms = frozenset(t for t in folded if not any(o < t for o in folded))
        self.literals = tuple(sorted({lit for t in self.terms for lit in t}, key=len))
        self._chars = "".join(sorted({c for lit in self.literals for c in lit}))
        self._any = re.compile("|".join(map(re.escape, self.literals)))

    def _fold(self, text: str) -> str:
        return text.lower() if self.ignore_case else text

    @functools.cached_property
    def _twins(self) -> tuple[dict[str, str], re.Pattern[str] | None]:
        # Built on the first non-ASCII text (a scan of every code point, ~40 ms).
        twins = _case_twins(self._chars)
        return twins, re.compile("[" + re.escape("".join(twins)) + "]") if twins else None

    def fold(self, text: str) -> str:
        """``text`` as the literals are compared with it (case folded as ``re`` folds it)."""
        if not self.ignore_case:
            return text
        if not text.isascii():
            twins, pattern = self._twins
            if pattern is not None:
                text = pattern.sub(lambda m: twins[m.group()], text)
        return text.lower()

    def may_match(self, text: str) -> bool:
        """False only when no pattern can match ``text``: it lacks a literal of every term."""
        folded = self.fold(text)
        if not self._any.search(folded):
            return False
        present = {lit for lit in self.literals if lit in folded}
        return any(term <= present for term in self.terms)
