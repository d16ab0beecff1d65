"""English misspellings: symspellpy's shipped frequency dictionary, loaded once per process.

A word is a typo when it is not in the dictionary (nor in the request's own vocabulary), is
not two dictionary words run together ("signup", "username"), and has a dictionary neighbour
one edit away that is far more common than the word itself (wordfreq): "recieve" -> "receive".
An unknown word with no common neighbour, or one common in real text, is a name or a term of
art, not a typo.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from symspellpy import SymSpell, Verbosity
from wordfreq import zipf_frequency

from guardrails.practice.edits import Edit
from guardrails.run_memo import per_run
from guardrails.text.word_class import is_known_word

_DICTIONARY = "frequency_dictionary_en_82_765.txt"
# A neighbour counted fewer times than this in the dictionary's corpus is too rare to be meant.
_MIN_NEIGHBOUR_COUNT = 200_000
# The neighbour must be this much more frequent (Zipf scale, log10) than the written word.
_MIN_ZIPF_GAP = 1.0
# A word this common in real text (wordfreq, Zipf scale) is a word, dictionary or not ("gmail",
# "ebook", "emoji"); the commonest typos ("teh", "untill", "thier") stay below it.
_COMMON_WORD_ZIPF = 3.2
_COMMON_PART_ZIPF = 4.0  # each part of a run-together compound is a common word
_MIN_PART = 3  # the shortest word a run-together compound may be made of
_lock = threading.Lock()


@dataclass(frozen=True)
class Misspelling:
    """A misspelt word and the likeliest intended word."""

    word: str
    suggestion: str


@lru_cache(maxsize=1)
def _symspell() -> SymSpell:
    # One edit distance keeps the load near a second (two edits take several); typos that
    # matter in support mail (transpositions, one dropped or doubled letter) are one edit.
    with _lock:
        checker = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
        path = files("symspellpy").joinpath(_DICTIONARY)
        checker.load_dictionary(str(path), term_index=0, count_index=1)
        return checker


def is_known(word: str) -> bool:
    """True when the lower-cased ``word`` is an English dictionary word."""
    return word.lower() in _symspell().words


def _is_common(word: str) -> bool:
    return zipf_frequency(word, "en") >= _COMMON_PART_ZIPF


def _is_compound(word: str) -> bool:
    """Two common words run together ("username", "checkout"), not "mes" + "age"."""
    return any(
        _is_common(word[:i]) and _is_common(word[i:])
        for i in range(_MIN_PART, len(word) - _MIN_PART + 1)
    )


@per_run(keep=is_known_word)
def misspelling(word: str) -> Misspelling | None:
    """The correction of a lower-case ``word`` when it is clearly a typo, else ``None``."""
    checker = _symspell()
    if word in checker.words or _is_compound(word):
        return None
    if zipf_frequency(word, "en") >= _COMMON_WORD_ZIPF:
        return None
    candidates = checker.lookup(word, Verbosity.CLOSEST, max_edit_distance=1)
    best = max(candidates, key=lambda c: c.count, default=None)
    if best is None or best.distance == 0 or best.count < _MIN_NEIGHBOUR_COUNT:
        return None
    if zipf_frequency(best.term, "en") - zipf_frequency(word, "en") < _MIN_ZIPF_GAP:
        return None
    return Misspelling(word=word, suggestion=best.term)


def warm() -> None:
    """Load the dictionary now (the service calls this at start-up, benchmarks before timing)."""
    _symspell()


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# Not prose: URLs, domains, mail addresses, placeholders, code, and words glued to digits.
_NOT_PROSE = re.compile(
    r"https?://[^\s（）「」『』【】<>]+|www\.[^\s（）「」『』【】<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+\b"
    r"|\{\{.*?\}\}|\{%.*?%\}|\[[^\]\n]*\]|<[^>\n]*>|`[^`\n]*`|\w*\d\w*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-*•]\s*|\d+[.)]\s*)?)$")
_MIN_LENGTH = 3
_APOSTROPHE = re.compile(r"['’]")  # compiled once: it splits every word of every draft


def _candidate(text: str, match: re.Match[str]) -> str | None:
    """The word to look up, or ``None`` for a word that is surely a name or an acronym."""
    written = match.group()
    # Most words have no apostrophe: only those are split (this runs for every word).
    word, *clitics = _APOSTROPHE.split(written) if "'" in written or "’" in written else (written,)
    if clitics == ["t"] and word.lower().endswith("n") and is_known(word[:-1]):
        return None  # "hasn't", "doesn't": the verb before n't is the word
    # ASCII letters only (``_WORD``): past the first, any capital means not all lower case.
    if len(word) < _MIN_LENGTH or not word[1:].islower():
        return None
    if word[0].isupper() and not _starts_sentence(text, match.start()):
        return None  # capitalised mid-sentence: a name or a product
    return word.lower()


_BULLETS = "-*•"


def _starts_sentence(text: str, at: int) -> bool:
    """Whether ``_SENTENCE_START`` matches ``text[:at]``, searching only where a match can start.

    Searching the whole prefix for every capitalised word was quadratic in the draft's length.
    A match is the prefix's end: its trailing whitespace, at most one list marker (a bullet,
    or digits and ``.``/``)``) with the whitespace before it, and the one character before
    those (``.!?:`` or a newline), or the empty prefix. So it cannot start before that
    character, and the search starts there (``^`` still matches only at the real start).
    """
    end = len(text[:at].rstrip())
    if end and text[end - 1] in _BULLETS:
        end -= 1
    elif end and text[end - 1] in ".)":
        digits = end - 1
        while digits and text[digits - 1].isdecimal():
            digits -= 1
        if digits < end - 1:
            end = digits
    end = len(text[:end].rstrip())
    return _SENTENCE_START.search(text, max(0, end - 1), at) is not None


def misspellings(text: str, vocabulary: frozenset[str]) -> list[Edit]:
    """Misspelt English words of ``text``; ``vocabulary`` (lower-case) is never a typo."""
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
    edits = []
    for match in _WORD.finditer(prose):
        word = _candidate(prose, match)
        if word is None or word in vocabulary:
            continue
        found = misspelling(word)
        if found is None:
            continue
        written = match.group()[: len(word)]
        fix = found.suggestion.capitalize() if written[0].isupper() else found.suggestion
        edits.append(
            Edit(
                start=match.start(),
                end=match.start() + len(word),
                kind="misspelling",
                message=f"Possible misspelling; did you mean “{fix}”?",
                suggestion=fix,
            )
        )
    return edits
