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
from guardrails.questions.word_class import mostly_nominal
from guardrails.run_memo import per_run
from guardrails.terms import content_terms
from guardrails.text.word_class import can_be_adverb, classes_of

_EN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# A kanji or katakana run (a Japanese noun or verb stem) and the particle after it, if any.
# A kanji run takes in the okurigana inside a compound (持ち物, 受け取): one or two kana
# before a last single kanji, no particle (の, は, が ... never join two words); a longer
# noun after them is a word of its own (申し込み | 方法).
_OKURIGANA = "(?:(?![のはがをにでともへやかよまらどねさ])[ぁ-ゖ]){1,2}"
_JA_RUN = re.compile(
    rf"([{KATAKANA_LETTERS}]{{2,}}|[{KANJI}]+(?:{_OKURIGANA}[{KANJI}](?![{KANJI}]))*)"
    r"(について|を|は|が|の|に|で)?"
)


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


_INDEFINITE = frozenset(
    "something anything nothing everything someone anyone somebody anybody everyone".split()
)


def _english_words(text: str) -> list[_Word]:
    """Each content word of ``text``, in order."""
    out: list[_Word] = []
    adjacent = False
    for word in _EN_WORD.findall(text):
        terms = frozenset(content_terms(word))
        if terms:
            # an indefinite pronoun stands for no thing of its own: never the focus
            idle = can_be_adverb(word) or word.lower() in _INDEFINITE
            out.append(_Word(terms, adjacent, idle))
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


# The shape of a yes/no ask: its subject and the word its yes or no turns on (its head). "Is
# breakfast *included*?" turns on being included, not on breakfast; "Will the drivers *carry*
# it upstairs?" on carrying; "Do you have *lockers*?" on lockers (a light verb passes the head
# on to its object). A reply sentence naming only the subject ("Breakfast is served from 7")
# says nothing of the head.
_BE = frozenset("is are was were".split())
_AUX = _BE | frozenset("will would can could do does did has have should may might must".split())
_LEAD = frozenset("and also so ok okay but just hi hey then".split())
_PRONOUN = frozenset(
    "i we you it they he she there this that someone somebody anyone anybody one".split()
)
_DETERMINER = frozenset(
    "the a an my our your his her their its this that these those any some each every all "
    "both another".split()
)
# Verbs that carry little of their own and name the ask by their object ("have lockers", "do
# a matte finish", "get a refund").
_LIGHT = frozenset("have has get do make take give".split())
# A verb with the means it names: "pay *by card*". The means is what a reply says yes to as
# often as the verb ("every driver takes cards").
_MEANS = frozenset("by with via using through".split())
# Adverbs that place the head in time or degree, never the head: "Is my pass *still* valid?"
_FOCUSING = frozenset("still also even already yet ever really actually now currently".split())
_EN_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_JA_STEM = re.compile(rf"[{KATAKANA_LETTERS}]{{2,}}|[{KANJI}]+")
# The subject of a Japanese ask: the noun its topic or subject particle marks (一時保育は).
# A run is read from its first character only, and once: read again from each of its
# characters, a long run of kanji with no particle after it cost the square of its length.
# The leftmost match is the same, since a run's particle is the same from any of its characters.
_JA_SUBJECT = re.compile(
    rf"((?<![{KATAKANA_LETTERS}])[{KATAKANA_LETTERS}]{{2,}}+|(?<![{KANJI}])[{KANJI}]++)(?:は|が)"
)


# Nouns joined by の right before a subject (夜の in 夜のコースは): read back from its start.
_JA_MODIFIERS = re.compile(rf"(?:(?:[{KATAKANA_LETTERS}]{{2,}}|[{KANJI}]{{1,8}})の){{1,3}}$")


@dataclass(frozen=True)
class YesNoShape:
    """A yes/no ask's subject terms (empty for a pronoun: "Can *I* ...?") and head terms.

    ``light`` tells that the head is a light verb's object ("Do you have lockers?"): a noun,
    and with the subject a pronoun, what the ask is about.
    """

    subject: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    light: bool = False
    # the head is what the subject is said to be ("Are the kayaks *suitable* ...?")
    adjective: bool = False
    # the ask is put to us: "Can *you* send ...?", "Will *you* ...?"
    addressee: bool = False


def _noun_like(word: str) -> bool:
    return "NOUN" in classes_of(word) or mostly_nominal(word)


def _ends_subject(word: str, be: bool) -> bool:
    """True when ``word`` follows an English ask's subject rather than extending it.

    After "is/are" an adjective or a participle does ("Is the pool *open*", "Is the shuttle
    *running*", "Is it *covered*"), not a noun the lexicon also lists as a verb ("Is the
    rooftop *bar* ..."); after a modal or "do" a verb does ("Will the drivers *carry*").
    """
    classes = classes_of(word)
    if be:
        participle = "VERB" in classes and word.endswith(("ing", "ed", "en"))
        return "ADJ" in classes or participle
    return not _noun_like(word) or ("VERB" in classes and not mostly_nominal(word))


def _means(verb: str, after: list[str]) -> frozenset[str]:
    if "VERB" not in classes_of(verb) or not after or after[0] not in _MEANS:
        return frozenset()
    words = [w for w in after[1:] if w not in _DETERMINER]
    phrase: set[str] = set()
    for word in words:  # the noun phrase after the preposition: "a gift voucher"
        terms = content_terms(word)
        if not terms:
            break
        phrase |= terms
    return frozenset(phrase)


def _english_shape(text: str) -> YesNoShape:
    tokens = [t.lower() for t in _EN_TOKEN.findall(text)]
    i = 0
    while i < len(tokens) and tokens[i] in _LEAD:
        i += 1
    if i >= len(tokens) or tokens[i] not in _AUX:
        return YesNoShape()  # not an aux-first ask: its parts are not read here
    be = tokens[i] in _BE
    i += 1
    subject: set[str] = set()
    addressee = i < len(tokens) and tokens[i] == "you" and not be
    if i < len(tokens) and tokens[i] in _PRONOUN:
        i += 1
    else:
        while i < len(tokens) and tokens[i] in _DETERMINER:
            i += 1
        while i < len(tokens) and content_terms(tokens[i]):
            if subject and _ends_subject(tokens[i], be):
                break
            subject |= content_terms(tokens[i])
            i += 1
        if not subject:
            return YesNoShape()
    rest = [word for word in tokens[i:] if word not in _FOCUSING]
    light = bool(rest) and rest[0] in _LIGHT
    if light:
        rest = rest[1:]
    for j, word in enumerate(rest):
        terms = content_terms(word)
        if terms and word not in _DETERMINER:
            head = frozenset(terms) | _means(word, rest[j + 1 :])
            adjective = be and j == 0 and "ADJ" in classes_of(word)
            light_head = light and _noun_like(word)
            return YesNoShape(frozenset(subject), head, light_head, adjective, addressee)
    return YesNoShape(frozenset(subject), addressee=addressee)


@per_run
def yes_no_shape(text: str) -> YesNoShape:
    """The subject and head of a yes/no ask (empty parts where they cannot be read).

    English: the noun phrase after the opening auxiliary, and the first content word after
    it ("included" in "Is breakfast included?"; "lockers" in "Do you have lockers?").
    Japanese: the noun marked by は or が, and the last noun or verb stem of two characters or
    more before the closing predicate (一時保育 and 利用 in 「一時保育は当日でも利用できますか」).
    """
    folded = normalise_width(text)
    if not JAPANESE.search(folded):
        return _english_shape(folded)
    subject = _JA_SUBJECT.search(folded)
    head: frozenset[str] = frozenset()
    for run in reversed(_JA_STEM.findall(folded)):
        if content_terms(run):
            # a one-kanji verb stem (使える, 泊まれる) is said back in too many other verbs
            # (対応しています, ご利用いただけます) to be looked for: no head
            head = frozenset(content_terms(run)) if len(run) > 1 else frozenset()
            break
    if subject is None:
        return YesNoShape(frozenset(), head)
    own = frozenset(content_terms(subject.group(1)))
    # the nouns joined to the subject by の are the subject too (夜の | コースは); a subject
    # of no content (雨の場合は: a condition, 場合) stays empty
    modifiers = _JA_MODIFIERS.search(folded[: subject.start()]) if own else None
    extra = frozenset(content_terms(modifiers.group())) if modifiers else frozenset()
    return YesNoShape(own | extra, head)
