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
5. Markup: HTML character references become their character (``&#64;`` is ``@``) and bare
   tags that touch a digit, ``@`` or ``.`` are taken out (``4242<br>4242``,
   ``<b>415</b>-<b>555</b>``): inline tags join what is around them, other tags break the
   line. Tags with attributes stay (their text must stay readable).
6. Text rewrites, each only where the result has the shape of the value it disguises:
   kanji numerals in a run of ten or more digits (``〇九〇の一二三四...``) and in a Japanese
   block address (``一丁目二番三号``, ``十二番地``); dash and dot look-alikes between digits
   (``ー``, ``•``, ``・``, spaced or not); diacritics and combining marks on the
   letters and digits of a token that holds a digit or ``@`` (values, not words); letters
   spaced out around an ``@`` and digits spaced out one by one; ``(at)``/``[at]``/spaced
   ``@``/``アットマーク``/``x.y AT domain.tld`` and ``(dot)``/``[.]``/``ドット`` in an email
   address, or a symbol the text itself says stands for ``@`` (``name★example.jp
   (★を@に...)``); ``O``/``o`` for 0 and ``l``/``I`` for 1 in the digit groups of a long
   number; dots, slashes, underscores, line breaks, several spaces or a sign with a space
   beside it (``415 . 867 - 5309``) between the digit groups of a card, phone number (an area
   code in brackets included) or SSN (dates excepted), or between the groups of an IBAN whose
   checksum holds (they become one space; a space between its country code and check digits
   goes, where the country's IBAN layout holds too).

The result is for detectors only: nothing masked or shown is ever taken from it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import tldextract
from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

from guardrails.run_memo import per_run

__all__ = ["TOKEN", "NormalisedText", "normalise"]

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
    if category == "Cs":
        # A lone surrogate (JSON's "\ud800" decodes to one) cannot be encoded, and the
        # tokenizers and the classifier encode their text: the replacement character stands in.
        return "\ufffd"
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
        return _balance_markup(self.original, self.starts[start], self.ends[end - 1])

    def spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span` for each of ``spans``."""
        return [self.span(s, e) for s, e in spans]


@per_run  # the injection check, the PII scan and ownership fold the same texts in one run
def normalise(text: str) -> NormalisedText:
    """Fold ``text`` for detection (see the module docstring); spans map back with ``span``.

    Memoised for the run (``run_memo``): the result is immutable and shared between callers.
    """
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
# Words for "@" and "." in brackets: (at), [dot], [.], (アット), (ドット).
_AT_NAME = r"(?:at|@|アット(?:マーク)?|あっと(?:まーく)?)"
_DOT_NAME = r"(?:dot|\.|ドット|どっと)"
_AT_SIGN = (
    rf"(?:\s*[\(\[\{{<]\s*{_AT_NAME}\s*[\)\]\}}>]\s*|\s+@\s*|\s*@\s+|@|\s*＠\s*"
    r"|\s*(?:アットマーク|あっとまーく)\s*)"
)
_AT_WORD = r"\s+at\s+"
_DOT = (
    rf"(?:\s*[\(\[\{{<]\s*{_DOT_NAME}\s*[\)\]\}}>]\s*|\s+dot\s+|\s+\.\s+"
    r"|\s*(?:ドット|どっと)\s*)"
)
# At most 16 dotted parts on either side of the "@" (addresses have a handful): unbounded, a
# text of "1 . 1 . 1 ..." was read to its end from every "1" and the fold took quadratic time
# (3 s for 13 KB, minutes for 100 KB), a cost any caller of /v1/redact could impose.
_MAX_PARTS = 16
_LOCAL = rf"[A-Za-z0-9_%+-]+(?:(?:\.|{_DOT})[A-Za-z0-9_%+-]+){{0,{_MAX_PARTS}}}"
_LABELS = rf"[A-Za-z0-9-]+(?:(?:\.|{_DOT})[A-Za-z0-9-]+){{0,{_MAX_PARTS}}}"
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
# "lee.wong AT proton.me": an upper-case AT between an address-like local part (a dot, an
# underscore or a digit in it) and a domain with a real top-level domain.
_CAPS_AT_EMAIL = re.compile(
    rf"{_EMAIL_START}(?P<local>[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)+|[A-Za-z%+-]*[_0-9][\w%+-]*)"
    rf"(?P<at>\s+AT\s+)(?P<domain>{_LABELS}\.(?P<tld>[A-Za-z]{{2,24}})){_EMAIL_END}"
)
# A symbol the text says to read as "@": "name★example.jp (★を@に変えてください)",
# "replace # with @". The symbol is then folded only where it sits inside an address.
# Read on the few characters before each "@" (a scan of the whole text costs more).
_STAND_IN = re.compile(
    r"(?P<sym>[^\w\s@.,;:!?%+\-()\[\]{}<>\"'「」『』、。→⇒=])\s*"
    r"(?:を|は|→|⇒|->|=>|=|\b(?:with|to|by|for|as|means)\b)\s*[「『\"']?$"
)
_STAND_IN_WINDOW = 16


@lru_cache(maxsize=1)
def _top_level_domains() -> frozenset[str]:
    """Top-level domains of the public-suffix snapshot bundled with tldextract (offline)."""
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    return frozenset(s.rsplit(".", 1)[-1].casefold() for s in extract.tlds)


# Signs of a disguised address; plain "a@b.com" needs no folding and is skipped. Cheap
# substring tests first: these run on every text, and a regex scan of 100 KB costs ms.
_BRACKET_WORD = re.compile(rf"[\(\[\{{<]\s*(?:{_AT_NAME}|{_DOT_NAME})\s*[\)\]\}}>]", re.I)
_DOT_WORD = re.compile(r"\bdot\b", re.I)
_JA_EMAIL_WORDS = ("アット", "あっと", "ドット", "どっと")


def _at_signs(text: str) -> Iterator[int]:
    pos = text.find("@")
    while pos != -1:
        yield pos
        pos = text.find("@", pos + 1)


def _email_cue(text: str) -> bool:
    if any(
        (i > 0 and text[i - 1].isspace()) or (i + 1 < len(text) and text[i + 1].isspace())
        for i in _at_signs(text)
    ):
        return True
    if " . " in text or " AT " in text or any(word in text for word in _JA_EMAIL_WORDS):
        return True
    if "dot" in text.lower() and _DOT_WORD.search(text):
        return True
    return bool(_BRACKET_WORD.search(text))


def _stand_in_emails(text: str) -> list[re.Pattern[str]]:
    """Address patterns whose "@" is a symbol the text itself says stands for "@"."""
    symbols = set()
    for i in _at_signs(text):
        found = _STAND_IN.search(text, max(0, i - _STAND_IN_WINDOW), i)
        if found:
            symbols.add(found.group("sym"))
    return [
        re.compile(
            rf"{_EMAIL_START}(?P<local>{_LOCAL})(?P<at>\s*{re.escape(sym)}\s*)"
            rf"(?P<domain>{_LABELS}\.(?P<tld>[A-Za-z]{{2,24}})){_EMAIL_END}",
            re.I,
        )
        for sym in sorted(symbols)
    ]


def _email_edits(text: str) -> list[Edit]:
    patterns = [_SIGN_EMAIL, _WORD_EMAIL, _CAPS_AT_EMAIL] if _email_cue(text) else []
    patterns += _stand_in_emails(text)
    if not patterns:
        return []
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        pos = 0
        while (match := pattern.search(text, pos)) is not None:
            pos = match.start() + 1
            if match.group("at") == "@" and not _DOT_PART.search(match.group(0)):
                continue  # a plain address: nothing to fold
            bare_word = pattern is _WORD_EMAIL or pattern is _CAPS_AT_EMAIL
            if bare_word and match.group("tld").casefold() not in _top_level_domains():
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


# --- Dash and dot look-alikes between digits (０９０ー１２３４, 415•555•0199) ----------------
# NFKC and the confusables table leave these alone: the long-vowel mark and the katakana
# middle dot are Japanese, the bullets are symbols.
# With spaces beside it ("415 • 867") only the sign is replaced: the grouping rewrite below
# reads the spaced sign.
_DIGIT_SEP = re.compile(r"(?<=\d)[ \t]*(?P<sign>[ー―‐•·∙‧・])[ \t]*(?=\d)")
_DIGIT_SEP_AS = {"ー": "-", "―": "-", "‐": "-"}
_DIGIT_SEP_CUE = re.compile(r"[ー―‐•·∙‧・]")


def _digit_separator_edits(text: str) -> list[Edit]:
    if not _DIGIT_SEP_CUE.search(text):
        return []
    return [
        (m.start("sign"), m.end("sign"), _DIGIT_SEP_AS.get(m.group("sign"), "."))
        for m in _DIGIT_SEP.finditer(text)
    ]


# --- Kanji numerals for a long number (〇九〇-一二三四-五六七八, 〇八〇の一二三四の...) --------
# Ten or more digits: a phone or My Number. Shorter runs are words ("二三日", "一二度").
_KANJI_DIGITS = "〇一二三四五六七八九"
_KANJI_RUN = re.compile(rf"[{_KANJI_DIGITS}](?:[{_KANJI_DIGITS}]|[-ーの ](?=[{_KANJI_DIGITS}]))+")
_KANJI_MIN_DIGITS = 10


def _kanji_digit_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in _KANJI_RUN.finditer(text):
        run = match.group()
        if sum(c in _KANJI_DIGITS for c in run) < _KANJI_MIN_DIGITS:
            continue
        for i, char in enumerate(run):
            if char in _KANJI_DIGITS:
                edits.append(
                    (match.start() + i, match.start() + i + 1, str(_KANJI_DIGITS.index(char)))
                )
            elif char == "の":
                edits.append((match.start() + i, match.start() + i + 1, "-"))
    return edits


# --- Kanji numerals in a Japanese block address (一丁目二番三号, 十二番地の三) ---------------
# The address recognizer reads ASCII digits. Numbers joined by 丁目, 番地, 番, 号 or a dash are
# an address block only when they hold 丁目 or 番地 (words for nothing but a place) or a 番
# followed by a 号 ("二番三号"); "一番" (the most) and "三号" (number three) stay as written.
# Whether a block is someone's address (a prefecture and a city before it) is the
# recognizer's call, not this fold's.
_KANJI_NUMBER = "〇一二三四五六七八九十百千"
_ADDRESS_NUMBER = rf"(?:[{_KANJI_NUMBER}]+|\d+)"
# 番地 is the place word only when no other word runs on from 地 ("一番地元の店" is "the most
# local shop": 一番 + 地元): a numeral, の + a number, or no kanji may follow it.
_BANCHI = r"番地(?=[〇一二三四五六七八九十百千]|[^\u3400-\u9fff々]|$)"
_ADDRESS_UNIT = rf"(?:丁目|{_BANCHI}(?:の(?=[\d〇一二三四五六七八九十]))?|番|号|[-−ー])"
_ADDRESS_BLOCK = re.compile(
    rf"(?<![{_KANJI_NUMBER}\d]){_ADDRESS_NUMBER}{_ADDRESS_UNIT}"
    rf"(?:{_ADDRESS_NUMBER}{_ADDRESS_UNIT})*{_ADDRESS_NUMBER}?"
)
_ADDRESS_PROOF = re.compile(rf"丁目|{_BANCHI}|番(?:\d+|[〇一二三四五六七八九十百千]+)号")
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}


def _kanji_number(numerals: str) -> int:
    """The value of kanji numerals: positional (一〇 = 10) or with 十/百/千 (二十三 = 23)."""
    if not any(c in _KANJI_UNITS for c in numerals):
        return int("".join(str(_KANJI_DIGITS.index(c)) for c in numerals))
    total = current = 0
    for char in numerals:
        if char in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[char]
            current = 0
        else:
            current = current * 10 + _KANJI_DIGITS.index(char)
    return total + current


def _address_numeral_edits(text: str) -> list[Edit]:
    if "番" not in text and "丁目" not in text or not _ADDRESS_PROOF.search(text):
        return []
    edits: list[Edit] = []
    for block in _ADDRESS_BLOCK.finditer(text):
        if not _ADDRESS_PROOF.search(block.group()):
            continue
        for number in re.finditer(rf"[{_KANJI_NUMBER}]+", block.group()):
            start, end = block.start() + number.start(), block.start() + number.end()
            edits.append((start, end, str(_kanji_number(number.group()))))
    return edits


# --- Markup inside a value (4242<br>4242, <b>415</b>-<b>555</b>, name&#64;example.com) -----
# Only bare tags (no attributes: an attribute's text, alt="..." or href="mailto:...", must stay
# readable to every detector) that touch a digit, "@" or "." - the edge of a value; markup
# around words ("<h1>Welcome") is left as written. A tag name has no underscore, so the
# masker's placeholders (<EMAIL_ADDRESS_1>) are not tags.
_TAG = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]{0,15})\s*(?P<self>/)?>")
_CHAR_REF = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_MARKUP = re.compile(rf"(?P<tag>{_TAG.pattern})|(?P<ref>{_CHAR_REF})")
_VALUE_EDGE = frozenset("0123456789@.")
# Phrasing elements (HTML's inline text-level elements) join the text around them; any other
# tag (<br>, <p>, <div>, <td>...) ends a line.
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span "
    "strong sub sup time u var wbr".split()
)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _markup_edits(text: str) -> list[Edit]:
    if "<" not in text and "&" not in text:
        return []
    edits: list[Edit] = []
    for match in _MARKUP.finditer(text):
        start, end = match.span()
        if match.group("ref"):
            char = html.unescape(match.group())
            if char != match.group():
                edits.append((start, end, _fold_cluster(char)))
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before in _VALUE_EDGE or after in _VALUE_EDGE:
            inline = match.group("name").lower() in _INLINE_TAGS
            edits.append((start, end, "" if inline else "\n"))
    return edits


def _balance_markup(original: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it never cuts an element in two.

    A value split by tags (``<span>4012</span> <span>8888</span>``) is found from its first
    digit to its last; the tags that open before it and close inside it (or the reverse)
    are taken in, so the masked span holds whole elements.
    """
    if "<" not in original[start:end]:
        return start, end
    unopened: list[str] = []
    opened: list[str] = []
    for tag in _TAG.finditer(original, start, end):
        name = tag.group("name").lower()
        if tag.group("close"):
            if opened and opened[-1] == name:
                opened.pop()
            else:
                unopened.append(name)
        elif not tag.group("self") and name not in _VOID_TAGS:
            opened.append(name)
    for name in unopened:
        before = [
            t for t in _TAG.finditer(original, max(0, start - 300), start) if t.end() == start
        ]
        if not before or before[-1].group("close") or before[-1].group("name").lower() != name:
            break
        start = before[-1].start()
    for name in reversed(opened):
        after = _TAG.match(original, end)
        if after is None or not after.group("close") or after.group("name").lower() != name:
            break
        end = after.end()
    return start, end


# --- Diacritics and combining marks on a value (jö̈rdan@..., 4́0̃12 ...) ------------------
# Only in a token that holds a digit or "@": addresses, numbers and codes carry no accents,
# while words keep theirs for the name and address recognizers ("José", "Straße").
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARKED = re.compile(rf"(?P<base>[^\s{_MARKS}])?[{_MARKS}]+|[\u00c0-\u024f]")
_MARK_CUE = re.compile(rf"[{_MARKS}\u00c0-\u024f]")
# A token: a run of non-space characters (also the injection check's word, when it collapses).
TOKEN = re.compile(r"\S+")
_VALUE_CHAR = re.compile(r"[\d@]")


def _strip_marks(char: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return bare if len(bare) == 1 else char


def _value_mark_edits(text: str) -> list[Edit]:
    if text.isascii() or not _MARK_CUE.search(text):
        return []
    edits: list[Edit] = []
    for token in TOKEN.finditer(text):
        word = token.group()
        if word.isascii() or not _VALUE_CHAR.search(word):
            continue
        for mark in _MARKED.finditer(word):
            if mark.group("base") is not None:
                bare = _strip_marks(mark.group("base"))
            elif unicodedata.combining(mark.group()[0]):
                bare = ""  # marks at the start of the token: nothing to attach them to
            else:
                bare = _strip_marks(mark.group())
            if bare != mark.group():
                edits.append((token.start() + mark.start(), token.start() + mark.end(), bare))
    return edits


# --- Letters or digits spaced out one by one (j o r d a n @ ..., 4 1 1 1 1 1 ...) ----------
_SPACED = re.compile(r"(?<!\S)\S(?: \S){5,}(?!\S)")
_SPACED_EMAIL = re.compile(r"@.*\.[A-Za-z]{2,}$")
_SPACED_MIN_DIGITS = 10
_SPACED_DIGITS_CUE = re.compile(r"\d \d \d \d \d")


def _spaced_out_edits(text: str) -> list[Edit]:
    if " @ " not in text and not _SPACED_DIGITS_CUE.search(text):
        return []
    edits: list[Edit] = []
    for match in _SPACED.finditer(text):
        joined = match.group().replace(" ", "")
        email = bool(_SPACED_EMAIL.search(joined))
        number = joined.isdigit() and len(joined) >= _SPACED_MIN_DIGITS
        if email or number:
            base = match.start()
            edits += [(base + i, base + i + 1, "") for i in range(1, len(match.group()), 2)]
    return edits


# --- Letters typed for digits inside a long number ---------------------------------------
# "|" is not among them: it delimits values in logs and tables ("|10.0.0.1|").
_DIGITISH = re.compile(
    r"(?<![A-Za-z])[0-9OolI](?:[0-9OolI]|[ .\-/()](?=[0-9OolI(])){5,}(?![A-Za-z])"
)
_LETTER_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1"}


_LETTER_NEXT_TO_DIGIT = re.compile(r"[OolI]\d|\d[OolI]")


def _letter_digit_edits(text: str) -> list[Edit]:
    """O/o for 0 and l/I for 1 in the digit groups of a long number (``1-8OO-555-OI75``).

    Only groups that hold a real digit are read as digits ("I" or "lol" alone stays a
    word), and the real digits must be at least as many as the letters read as digits.
    """
    if not _LETTER_NEXT_TO_DIGIT.search(text):
        return []
    edits: list[Edit] = []
    for match in _DIGITISH.finditer(text):
        swaps = [
            (match.start() + group.start() + i, _LETTER_DIGIT[char])
            for group in _DIGIT_GROUP.finditer(match.group())
            if any(c.isdigit() for c in group.group())
            for i, char in enumerate(group.group())
            if char in _LETTER_DIGIT
        ]
        digits = sum(c.isdigit() for c in match.group())
        if not swaps or digits < 6 or len(swaps) > digits:
            continue
        edits += [(pos, pos + 1, digit) for pos, digit in swaps]
    return edits


_DIGIT_GROUP = re.compile(r"[0-9OolI]+")


# --- Card, phone and SSN digit groups split by dots, slashes, underscores, line breaks or wide
# gaps ---------------------------------------------------------------------------------------
# A sign with a space on either side ("415 . 867", "415 -867") is a separator like the sign
# alone; a dash touching both groups ("415-867") is the ordinary one and stays.
_ODD_SEP = r"(?:[ \t]*(?:[./\\_]|\r?\n|\r)[ \t]*|[ \t]{2,}|[ \t]+-[ \t]*|-[ \t]+)"
# An area code in brackets may open the run ("(415) 867 - 5309"): its digits count, and the
# separator after it is read like any other.
# Only ASCII letters and digits bound the run: Japanese text writes a number straight after a
# particle or before a verb ("電話は090 - 1234 - 5678です"), and kana are word characters.
_GROUPED = re.compile(
    rf"(?<![A-Za-z0-9_.,/-])(?:\(\d{{1,5}}\)(?:{_ODD_SEP}|[ -])?)?"
    rf"\d{{2,6}}(?:(?:{_ODD_SEP}|[ -])\d{{2,6}}){{1,5}}(?![A-Za-z0-9_]|[.,/-]\d)"
)
_SEP = re.compile(_ODD_SEP + "|[ -]")
# A year first, or a day / month first (2024/01/15, 15.01.2024, 1/15/24); "287/65/4301" is not.
# Not the phone recognizer's date rule (``recognizers_generic._DATE``) on purpose: this one
# reads a whole run before folding it, so a two-digit year (and a slash) is safe here.
_DATE_LIKE = re.compile(
    r"^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4}))$"
)


_ODD_SEP_CUE = re.compile(r"\d" + _ODD_SEP + r"\d")
# Phone numbers are already read with a dot or a dash between groups; a line break, a wide
# gap, a dot, dash or underscore with a space beside it ("415 . 867 . 5309"), or slashes
# (spaced or not) in a number of ten digits or more (shorter slashed runs are dates and
# fractions: "12 / 345 / 6789") hide one.
_PHONE_ODD_SEP = re.compile(r"\n|\r|[ \t]{2,}|[ \t][-.\\_]|[-.\\_][ \t]")
_PHONE_SLASHED_DIGITS = 10


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
        odd_phone = bool(_PHONE_ODD_SEP.search(run)) or (
            "/" in run and digits >= _PHONE_SLASHED_DIGITS
        )
        ssn = [len(g) for g in groups] == [3, 2, 4]
        phone = 9 <= digits <= 15 and len(groups) >= 3 and odd_phone
        if not (card or amex or phone or ssn):
            continue
        if ssn and _ssn_written(text, match.start(), "".join(groups)):
            # A valid SSN (or a published sample after an SSN word) in the SSN layout folds
            # to its plain form, 123-45-6789, so the recognizers weigh it as written plain
            # (typed US_SSN); any other 3-2-4 run folds as a phone's groups, masked as one.
            edits += [
                (match.start() + sep.start(), match.start() + sep.end(), "-")
                for sep in _SEP.finditer(run)
                if sep.group() != "-"
            ]
            continue
        for sep in _SEP.finditer(run):
            if sep.group() != " " and sep.group() != "-":
                edits.append((match.start() + sep.start(), match.start() + sep.end(), " "))
    return edits


def _ssn_written(text: str, start: int, digits: str) -> bool:
    # The SSN recognizers' rules, read where they are (imported here: guardrails.pii imports
    # this module).
    from guardrails.pii.recognizers_generic import ssn_written

    return ssn_written(text, start, digits)


# --- IBAN groups split by line breaks, dots, slashes or wide gaps ------------------------
# Presidio's IBAN pattern wants the country code and the check digits together ("GB82"), then
# groups of four; a space between them ("GB 82 WEST ...") is taken out, and any other
# separator becomes one space. Only where the checksum and the country's IBAN layout (the
# ISO 13616 registry as Presidio ships it) both hold: "GB 82 people" is left as written.
_IBAN_SEP = r"(?:[ \t]*(?:\r?\n|\r|[./\\])[ \t]*|[ \t]{2,}|[ \t]*-[ \t]*|[ \t])"
_IBAN_RUN = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z]{{2}}(?P<gap>[ \t]?)\d{{2}}(?:{_IBAN_SEP}[A-Za-z0-9]{{1,4}}){{3,8}}"
    r"(?![A-Za-z0-9])"
)
_IBAN_SEP_RE = re.compile(_IBAN_SEP)
# The IBAN recognizer (Presidio's pattern) reads groups of four after the check digits, the
# last one shorter, and at least two of four: a fold helps only a run written so. The cue
# asks for two groups of four after the check digits, its separators any of the fold's ("at 12
# and 3 of 7" has none); each cue is tried as the start of a run.
_IBAN_CUE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[ \t]?\d{2}"
    r"[ \t\r\n./\\-]+[A-Za-z0-9]{4}[ \t\r\n./\\-]+[A-Za-z0-9]{4}"
)
_IBAN_GROUP = 4


_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
_LETTER_VALUES = {ord(c): str(int(c, 36)) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}  # A=10...Z=35


def iban_checksum_ok(compact: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN without separators (upper case)."""
    if not _IBAN_SHAPE.fullmatch(compact):
        return False
    rotated = compact[4:] + compact[:4]
    return int(rotated.translate(_LETTER_VALUES)) % 97 == 1


@lru_cache(maxsize=1)
def _iban_layouts() -> dict[str, re.Pattern[str]]:
    """Each country's IBAN layout, from Presidio's table (the ISO 13616 registry).

    Imported here, not at the top: presidio_analyzer takes a second to import, and the
    injection check folds text without it. Only a run whose checksum holds gets this far.
    """
    from presidio_analyzer.predefined_recognizers.generic import iban_patterns

    return {c: re.compile(p) for c, p in iban_patterns.regex_per_country.items()}


def _iban_layout_ok(compact: str) -> bool:
    """The country's IBAN layout (length, letters and digits) holds for ``compact``."""
    layout = _iban_layouts().get(compact[:2])
    return layout is not None and layout.fullmatch(compact) is not None


def _iban_edits(text: str) -> list[Edit]:
    """Fold the IBANs the cue finds; each cue is tried as a run's start (runs may overlap)."""
    edits: list[Edit] = []
    pos = 0
    while (cue := _IBAN_CUE.search(text, pos)) is not None:
        pos = cue.start() + 1
        match = _IBAN_RUN.match(text, cue.start())
        found = _iban_run_edits(text, match) if match else []
        if found and match:
            edits += found
            pos = match.end()
    return edits


def _iban_run_edits(text: str, match: re.Match[str]) -> list[Edit]:
    """The edits that make ``match`` read as an IBAN (checksum and layout hold), else none."""
    digits = match.start("gap") + len(match.group("gap"))  # the check digits
    seps = list(_IBAN_SEP_RE.finditer(text, digits, match.end()))
    groups = _IBAN_SEP_RE.split(text[digits : match.end()])
    country = text[match.start() : match.start() + 2]
    # Groups after the check digits are of four but the last (else no IBAN is read).
    fours = next((i for i, g in enumerate(groups[1:], 1) if len(g) != _IBAN_GROUP), len(groups))
    # The longest prefix of groups with a valid checksum (a word may follow the IBAN).
    for n in range(min(len(groups), fours + 1), 3, -1):
        compact = (country + "".join(groups[:n])).upper()
        if iban_checksum_ok(compact) and (not match.group("gap") or _iban_layout_ok(compact)):
            edits = [(match.start("gap"), digits, "")] if match.group("gap") else []
            return edits + [
                (sep.start(), sep.end(), " ") for sep in seps[: n - 1] if sep.group() != " "
            ]
    return []


_REWRITES: tuple[Callable[[str], list[Edit]], ...] = (
    _markup_edits,
    _kanji_digit_edits,
    _address_numeral_edits,
    _digit_separator_edits,
    _value_mark_edits,
    _spaced_out_edits,
    _email_edits,
    _letter_digit_edits,
    _grouping_edits,
    _iban_edits,
)
