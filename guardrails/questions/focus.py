"""The focus of an ask (the word its answer must be about) and when a reply misses it.

An ask names its topic last: the head of its final noun phrase in English ("How do I get back
into my *account*?", "a return label for my defective *kettle*") and the noun marked by a
case particle in Japanese (「返品した場合*ポイント*はどうなるか」), with the nouns joined to it.
A reply sentence sharing one word with the ask and not its focus ("Refunds go *back* to ...")
is on another topic, however much of the ask's weight that one word carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.language import JAPANESE, KANJI, KATAKANA_LETTERS, normalise_width
from guardrails.terms import content_terms
from guardrails.text.word_class import can_be_adverb

_EN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# A kanji or katakana run (a Japanese noun or verb stem) and the particle after it, if any.
_JA_RUN = re.compile(rf"([{KATAKANA_LETTERS}]{{2,}}|[{KANJI}]+)(について|を|は|が|の|に|で)?")


@dataclass(frozen=True)
class AskFocus:
    """The content terms of each word of an ask, and of its focus phrase."""

    words: tuple[frozenset[str], ...]
    focus: frozenset[str]

    def missed_by(self, terms: set[str]) -> bool:
        """True when ``terms`` share exactly one word with the ask, and not its focus.

        One shared side word ("back", "start", a modifier) says nothing about the ask's topic;
        two or more shared words, or the focus itself, put a sentence on it.
        """
        if not self.focus:
            return False
        shared = {word for word in self.words if word & terms}
        return len(shared) == 1 and not (self.focus & terms)

    def only_focus(self, terms: set[str]) -> bool:
        """True when ``terms`` share the focus with the ask and no other word of it.

        "You can return unused items within 30 days" shares only *return* with "how do I
        start a return": it is on the topic, and must say more about it than its name.
        """
        others = [word for word in self.words if not word & self.focus]
        if not others or not (self.focus & terms):
            return False  # an ask that is all focus ("How do I cancel?") has nothing besides it
        return not any(word & terms for word in others)


@dataclass(frozen=True)
class _Word:
    terms: frozenset[str]
    adjacent: bool  # follows the previous content word directly
    adverb: bool  # can be an adverb or a particle: never the focus ("back", "now")


def _english_words(text: str) -> list[_Word]:
    """Each content word of ``text``, in order."""
    out: list[_Word] = []
    adjacent = False
    for word in _EN_WORD.findall(text):
        terms = frozenset(content_terms(word))
        if terms:
            out.append(_Word(terms, adjacent, can_be_adverb(word)))
        adjacent = bool(terms)
    return out


def _english_phrase(words: list[_Word]) -> frozenset[str]:
    """The last noun phrase of an English ask.

    Its last content word that is no adverb, with the content words right before it ("the
    duplicate charge", "my account"; never "back" or "now").
    """
    heads = [i for i, word in enumerate(words) if not word.adverb]
    if not heads:
        return frozenset()
    phrase: set[str] = set()
    for word in reversed(words[: heads[-1] + 1]):
        phrase |= word.terms
        if not word.adjacent:
            break
    return frozenset(phrase)


def _japanese_runs(text: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in _JA_RUN.finditer(text)]


def _japanese_phrase(runs: list[tuple[str, str | None]]) -> frozenset[str]:
    """The last noun marked by a particle, with the nouns joined to it by の (返品の条件)."""
    marked = [i for i, (run, particle) in enumerate(runs) if particle and content_terms(run)]
    if not marked:
        bare = [i for i, (run, _) in enumerate(runs) if content_terms(run)]
        return frozenset(content_terms(runs[bare[-1]][0])) if bare else frozenset()
    i = marked[-1]
    phrase = set(content_terms(runs[i][0]))
    while i > 0 and runs[i - 1][1] == "の":
        i -= 1
        phrase |= content_terms(runs[i][0])
    return frozenset(phrase)


def ask_focus(text: str) -> AskFocus:
    """The ask's words and its focus word (no focus when it has no content word)."""
    folded = normalise_width(text)
    if JAPANESE.search(folded):
        runs = _japanese_runs(folded)
        words = [frozenset(content_terms(run)) for run, _ in runs]
        return AskFocus(tuple(w for w in words if w), _japanese_phrase(runs))
    english = _english_words(folded)
    return AskFocus(tuple(word.terms for word in english), _english_phrase(english))
