r"""Fold disguised text into the plain form detectors read, keeping a map back to the original.

Personal data and injected instructions are disguised with characters a reader does not see or
does not tell apart: ``maria\u200b.lopez@example.com``, a Cyrillic ``а`` in an address, a card
typed with dots or across a line break, ``O`` for ``0`` in a phone number, ``name (at) example
(dot) com``. :func:`normalise` undoes those so a detector reads plain text, and keeps, for every
character of the result, the range of the original it came from: :meth:`NormalisedText.span`
turns a span found in the folded text into the original text's span, whole, disguise included
(the zero-width space inside an email is inside the masked span).

What is folded, in order:

1. Format characters (Unicode category ``Cf``: zero-width space/joiners, word joiner, bidi
   controls, soft hyphen, BOM) are dropped.
2. Each character with its combining marks is NFKC-normalised (full-width letters and digits,
   half-width kana with their voicing marks, ligatures, circled and math-styled letters).
3. Decimal digits of any script (Arabic-Indic, Devanagari, ...) become ASCII digits.
4. Letters of other scripts that look like an ASCII letter or digit (Cyrillic ``а``, Greek
   ``ο``, dashes that look like ``-``) become that character, from the Unicode confusables
   table shipped by ``confusable-homoglyphs``. Japanese and Chinese characters are kept.
5. Text rewrites, each only where the result has the shape of the value it disguises:
   ``(at)``/``[at]``/spaced ``@`` and ``(dot)`` in an email address; ``O``/``o`` for 0 and
   ``l``/``I`` for 1 next to the digits of a long number; dots, slashes, line breaks or
   several spaces between the digit groups of a card or phone number (they become one space).

The result is for detectors only: nothing masked or shown is ever taken from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import tldextract
from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

__all__ = ["NormalisedText", "normalise"]

# Scripts whose characters are never folded by the confusables table: Japanese/Chinese text
# must reach Sudachi as written (the table maps e.g. the long-vowel mark to a kanji).
_KEEP_RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))
_ASCII_TARGET = re.compile(r"[A-Za-z0-9@.\-_+]")


def _keep_script(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _KEEP_RANGES)


def _confusable(char: str) -> str:
    """The ASCII letter, digit or email punctuation ``char`` is drawn like, else ``char``."""
    entries = confusables.confusables_data.get(char) or ()
    targets = [e["c"] for e in entries if len(e["c"]) == 1 and _ASCII_TARGET.fullmatch(e["c"])]
    if not targets:
        return char
    target = str(targets[0])
    # The table's prototype for every I-like letter is lower-case "l"; keep the case.
    if target == "l" and char.isupper():
        return "I"
    return target


def _fold_cluster(cluster: str) -> str:
    """Fold one character with its combining marks: NFKC, then each result character."""
    return "".join(_fold_one(c) for c in unicodedata.normalize("NFKC", cluster))


class _CharFold(dict[str, str]):
    """Memoised :func:`_fold_cluster` of single characters (a bounded set)."""

    def __missing__(self, char: str) -> str:
        folded = _fold_cluster(char)
        self[char] = folded
        return folded


def _fold_one(char: str) -> str:
    if char.isascii():
        return char
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if _keep_script(ord(char)):
        return char
    return _confusable(char)


_FOLD = _CharFold()
# A character that folds to anything but exactly one character, or that joins the one before
# (a combining or voicing mark), needs the slow per-cluster path; "\uffff" marks it.
_IRREGULAR = "\uffff"


class _SimpleFold(dict[int, str]):
    """``str.translate`` table: a character's one-character fold, or ``_IRREGULAR``."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _CLUSTER_MARKS or unicodedata.combining(char):
            value = _IRREGULAR
        else:
            folded = _FOLD[char]
            value = folded if len(folded) == 1 else _IRREGULAR
        self[code] = value
        return value


_SIMPLE = _SimpleFold()
_CLUSTER_MARKS = frozenset("\u3099\u309a\uff9e\uff9f")
# A base character and the marks that attach to it (combining marks, half-width voicing marks).
_CLUSTER = re.compile(
    r"[^\u0300-\u036f\u3099\u309a\uff9e\uff9f][\u0300-\u036f\u3099\u309a\uff9e\uff9f]*|.", re.S
)


@dataclass(frozen=True)
class NormalisedText:
    """Folded text for detectors, with each folded character's range in the original.

    ``starts[i]``/``ends[i]`` bound the original characters that folded character ``i`` came
    from. Both are ``None`` when every character folded to exactly one (spans are the same in
    both texts).
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @property
    def changed(self) -> bool:
        """True when folding changed anything."""
        return self.starts is not None or self.text != self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for the folded span ``[start, end)``, disguise included.

        Characters dropped inside the span (a zero-width space) are inside the result; an
        empty span maps to an empty span at the corresponding original position. Without
        ``starts`` every character folded to one character: spans are the same.
        """
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span` for each of ``spans``."""
        return [self.span(s, e) for s, e in spans]


def normalise(text: str) -> NormalisedText:
    """Fold ``text`` for detection (see the module docstring); spans map back with ``span``."""
    starts: list[int] | None = None
    ends: list[int] | None = None
    folded = text
    if not text.isascii():
        folded = text.translate(_SIMPLE)
        if _IRREGULAR in folded:
            folded, starts, ends = _fold_characters(text)
    for rewrite in _REWRITES:
        edits = rewrite(folded)
        if edits:
            if starts is None or ends is None:
                starts, ends = list(range(len(folded))), list(range(1, len(folded) + 1))
            folded, starts, ends = _apply(folded, starts, ends, edits)
    if starts is None or ends is None or _identity(starts, ends):
        return NormalisedText(text, folded)
    return NormalisedText(text, folded, tuple(starts), tuple(ends))


def _identity(starts: list[int], ends: list[int]) -> bool:
    return starts == list(range(len(starts))) and ends == list(range(1, len(ends) + 1))


def _fold_characters(text: str) -> tuple[str, list[int], list[int]]:
    """Per-cluster fold; fast when every cluster is one character folding to one."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLUSTER.finditer(text):
        cluster = match.group()
        # Clusters with marks are not memoised: their variety is unbounded.
        out = _FOLD[cluster] if len(cluster) == 1 else _fold_cluster(cluster)
        parts.append(out)
        begin, stop = match.span()
        if len(out) == 1 and stop - begin == 1:
            starts.append(begin)
            ends.append(stop)
        else:
            starts.extend([begin] * len(out))
            ends.extend([stop] * len(out))
    return "".join(parts), starts, ends


Edit = tuple[int, int, str]  # replace folded[start:end] with the string


def _apply(
    text: str, starts: list[int], ends: list[int], edits: list[Edit]
) -> tuple[str, list[int], list[int]]:
    """Apply non-overlapping, ordered edits; a replaced range maps to its whole original."""
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    cursor = 0
    for start, end, replacement in edits:
        out.append(text[cursor:start])
        new_starts += starts[cursor:start]
        new_ends += ends[cursor:start]
        if len(replacement) == end - start:  # one for one: keep each character's own range
            new_starts += starts[start:end]
            new_ends += ends[start:end]
        else:
            new_starts += [starts[start]] * len(replacement)
            new_ends += [ends[end - 1]] * len(replacement)
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    new_starts += starts[cursor:]
    new_ends += ends[cursor:]
    return "".join(out), new_starts, new_ends


# --- Email written with words or spaces for "@" and "." ----------------------------------
_AT_SIGN = r"(?:\s*[\(\[\{<]\s*(?:at|@)\s*[\)\]\}>]\s*|\s+@\s*|\s*@\s+|@|\s*＠\s*)"
_AT_WORD = r"\s+at\s+"
_DOT = r"(?:\s*[\(\[\{<]\s*(?:dot|\.)\s*[\)\]\}>]\s*|\s+dot\s+|\s+\.\s+)"
_LOCAL = r"[A-Za-z0-9_%+-]+(?:(?:\.|" + _DOT + r")[A-Za-z0-9_%+-]+)*"
_LABELS = r"[A-Za-z0-9-]+(?:(?:\.|" + _DOT + r")[A-Za-z0-9-]+)*"
_EMAIL_START = r"(?<![A-Za-z0-9._%+-])"
_EMAIL_END = r"(?![A-Za-z0-9-])"
# "ana (at) example (dot) com", "ana @ example.com": a symbol or a bracketed word for "@".
_SIGN_EMAIL = re.compile(
    rf"{_EMAIL_START}(?P<local>{_LOCAL})(?P<at>{_AT_SIGN})"
    rf"(?P<domain>{_LABELS}(?:\.|{_DOT})(?P<tld>[A-Za-z]{{2,24}})){_EMAIL_END}",
    re.I,
)
# "ana dot lopez at example dot com": bare words, so the domain must end in " dot <tld>" with
# a real top-level domain ("look at this dot com" is not folded; "me at home" never matches).
_WORD_EMAIL = re.compile(
    rf"{_EMAIL_START}(?P<local>{_LOCAL})(?P<at>{_AT_WORD})"
    rf"(?P<domain>{_LABELS}{_DOT}(?P<tld>[A-Za-z]{{2,24}})){_EMAIL_END}",
    re.I,
)
_DOT_PART = re.compile(_DOT, re.I)


@lru_cache(maxsize=1)
def _top_level_domains() -> frozenset[str]:
    """Top-level domains of the public-suffix snapshot bundled with tldextract (offline)."""
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    return frozenset(s.rsplit(".", 1)[-1].casefold() for s in extract.tlds)


# Some sign of a disguised address; plain "a@b.com" needs no folding and is skipped.
_EMAIL_CUE = re.compile(r"\s@|@\s|＠|[\(\[\{<]\s*(?:at|dot)\s*[\)\]\}>]|\bdot\b|\s\.\s", re.I)


def _email_edits(text: str) -> list[Edit]:
    if not _EMAIL_CUE.search(text):
        return []
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_SIGN_EMAIL, _WORD_EMAIL):
        pos = 0
        while (match := pattern.search(text, pos)) is not None:
            pos = match.start() + 1
            if match.group("at") == "@" and not _DOT_PART.search(match.group(0)):
                continue  # a plain address: nothing to fold
            if pattern is _WORD_EMAIL and match.group("tld").casefold() not in _top_level_domains():
                continue
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            pos = match.end()
            for group in ("local", "domain"):
                offset = match.start(group)
                for dot in _DOT_PART.finditer(match.group(group)):
                    edits.append((offset + dot.start(), offset + dot.end(), "."))
            edits.append((match.start("at"), match.end("at"), "@"))
    return sorted(edits)


# --- Dashes typed as the katakana long-vowel mark between digits (０９０ー１２３４) -----------
_KANA_DASH = re.compile(r"(?<=\d)[ー―‐](?=\d)")


def _kana_dash_edits(text: str) -> list[Edit]:
    if "ー" not in text and "―" not in text and "‐" not in text:
        return []
    return [(m.start(), m.end(), "-") for m in _KANA_DASH.finditer(text)]


# --- Letters typed for digits inside a long number ---------------------------------------
# "|" is not among them: it delimits values in logs and tables ("|10.0.0.1|").
_DIGITISH = re.compile(
    r"(?<![A-Za-z])[0-9OolI](?:[0-9OolI]|[ .\-/()](?=[0-9OolI(])){5,}(?![A-Za-z])"
)
_LETTER_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1"}


_LETTER_NEXT_TO_DIGIT = re.compile(r"[OolI]\d|\d[OolI]")


def _letter_digit_edits(text: str) -> list[Edit]:
    if not _LETTER_NEXT_TO_DIGIT.search(text):
        return []
    edits: list[Edit] = []
    for match in _DIGITISH.finditer(text):
        run = match.group()
        digits = sum(c.isdigit() for c in run)
        letters = sum(c in _LETTER_DIGIT for c in run)
        if not letters or digits < 6 or letters * 3 > digits:
            continue
        for i, char in enumerate(run):
            if char in _LETTER_DIGIT and _next_to_digit(run, i):
                pos = match.start() + i
                edits.append((pos, pos + 1, _LETTER_DIGIT[char]))
    return edits


def _next_to_digit(run: str, i: int) -> bool:
    return (i > 0 and run[i - 1].isdigit()) or (i + 1 < len(run) and run[i + 1].isdigit())


# --- Card and phone digit groups split by dots, slashes, line breaks or wide gaps ---------
_ODD_SEP = r"(?:[ \t]*(?:[./\\]|\r?\n|\r)[ \t]*|[ \t]{2,}|[ \t]+-[ \t]+)"
_GROUPED = re.compile(
    rf"(?<![\w.,/-])\d{{2,6}}(?:(?:{_ODD_SEP}|[ -])\d{{2,6}}){{1,5}}(?![\w]|[.,/-]\d)"
)
_SEP = re.compile(_ODD_SEP + "|[ -]")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


_ODD_SEP_CUE = re.compile(r"\d" + _ODD_SEP + r"\d")
# Phone numbers are already read with dots; only a line break or a wide gap hides one.
_PHONE_ODD_SEP = re.compile(r"\n|\r|[ \t]{2,}|[ \t]-[ \t]")


def _grouping_edits(text: str) -> list[Edit]:
    if not _ODD_SEP_CUE.search(text):
        return []
    edits: list[Edit] = []
    for match in _GROUPED.finditer(text):
        run = match.group()
        if not re.search(_ODD_SEP, run) or _DATE_LIKE.match(run):
            continue
        groups = re.findall(r"\d+", run)
        digits = sum(len(g) for g in groups)
        card = 12 <= digits <= 19 and all(len(g) == 4 for g in groups[:-1])
        amex = [len(g) for g in groups] in ([4, 6, 5], [4, 6, 4])
        phone = 9 <= digits <= 15 and len(groups) >= 3 and bool(_PHONE_ODD_SEP.search(run))
        if not (card or amex or phone):
            continue
        for sep in _SEP.finditer(run):
            if sep.group() != " " and sep.group() != "-":
                edits.append((match.start() + sep.start(), match.start() + sep.end(), " "))
    return edits


_REWRITES: tuple[Callable[[str], list[Edit]], ...] = (
    _kana_dash_edits,
    _email_edits,
    _letter_digit_edits,
    _grouping_edits,
)
