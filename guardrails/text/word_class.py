"""English word classes (lemminflect lexicon) and general word frequency (wordfreq), both shipped.

The lexicon lists, for each English word form, the parts of speech it can have and their
lemmas. Callers ask narrow questions of it: is a word a verb in its base form (an imperative
opens with one), only a noun (a compound's modifier), only an adverb ("actually": says how,
not what about).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from guardrails.run_memo import per_run

# Closed-class words the lexicon also lists as nouns ("that"): never a compound's modifier.
_FUNCTION_WORDS = frozenset(
    "that this these those which who whom whose what for to of with about and or but if when "
    "before after by on in at from into as than so".split()
)
# Copulas and auxiliaries are base forms too, but "Is it ..." is no order.
_AUXILIARIES = frozenset("is are was were am has had does did can could will would may".split())


@cache
def _lexicon() -> tuple[dict[str, Any], dict[str, Any]]:
    from lemminflect import Lemmatizer  # a 2 s lexicon: loaded only when first needed

    lemmatizer = Lemmatizer()
    return lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()


def is_known_word(word: str) -> bool:
    """Whether ``word`` (any case) is in the shipped English lexicon: a fixed vocabulary.

    Results for such words may be kept across requests (``per_run(keep=is_known_word)``):
    a dictionary word names no customer, while a name, a code or a typo is the customer's own
    and is memoised for the request only.
    """
    lower = word.lower()
    lemmas, overrides = _lexicon()
    return lower in lemmas or lower in overrides


@per_run(keep=is_known_word)
def _classes(word: str) -> Mapping[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    found: dict[str, tuple[str, ...]] = getAllLemmas(word.lower())
    # Read-only: the result is shared by every caller, across requests for lexicon words.
    return MappingProxyType(found)


def classes_of(word: str) -> frozenset[str]:
    """The parts of speech ``word`` can have ("pool": NOUN, VERB; "suitable": ADJ)."""
    return frozenset(_classes(word.lower()))


def is_base_verb(word: str) -> bool:
    """Whether ``word`` is an English verb in its base form ("ask", "enter"; not "asks")."""
    lower = word.lower()
    return lower not in _AUXILIARIES and lower in _classes(lower).get("VERB", ())


def is_only_noun(word: str) -> bool:
    """Whether ``word`` can only be a noun ("interface" in "the user interface" is not)."""
    lower = word.lower()
    return lower not in _FUNCTION_WORDS and set(_classes(lower)) == {"NOUN"}


def is_plural_noun(word: str) -> bool:
    """Whether ``word`` is an English noun in a plural form ("flavours", "days"; not "does")."""
    lower = word.lower()
    classes = _classes(lower)
    return "AUX" not in classes and any(lemma != lower for lemma in classes.get("NOUN", ()))


def is_only_adverb(word: str) -> bool:
    """Whether ``word`` can only be an adverb ("actually", "quickly"; not "early", "monthly")."""
    return set(_classes(word.lower())) == {"ADV"}


def can_be_adverb(word: str) -> bool:
    """Whether ``word`` can be an adverb or a particle ("back", "now", "up"; not "account")."""
    return "ADV" in _classes(word.lower())


# Zipf 5.2 is about 160 uses per million words: "new", "instead", "good", "turn", "down".
_COMMON_ZIPF = 5.2


@per_run(keep=is_known_word)
def is_common_word(word: str) -> bool:
    """Whether ``word`` is so frequent in general English that it names no topic by itself.

    Frequencies are wordfreq's (shipped in its wheel). Only ASCII words are judged; a stem
    that is no word ("deliv") has no frequency and is never common.
    """
    if not word.isascii() or not word.isalpha():
        return False
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en")) >= _COMMON_ZIPF
