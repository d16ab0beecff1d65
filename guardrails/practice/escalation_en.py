"""English escalation reader: which escalation triggers a customer's text states.

Words are read as lemmas (lemminflect: "filing" -> file, "lawyers" -> lawyer) and matched
against the concept classes of ``escalation_lexicon``; whether a mention is an escalation is
decided by the clause around it: who acts (the customer, "my manager", "your boss"), whether
it is negated ("I don't want to cancel", "no need for a manager"), hypothetical ("if I cancel
one day"), a how-to question ("How do I dispute an order on my store?"), or a modifier of
another noun ("manager role", "FTC disclosure settings").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from guardrails.practice import escalation_lexicon as lex
from guardrails.run_memo import per_run
from guardrails.sentences import split_sentences
from guardrails.text.word_class import is_known_word

_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*|\d+(?:st|nd|rd|th)?|[^\sA-Za-z\d]")
_CONTRACTIONS = {
    "n't": ("not",),
    "'ll": ("will",),
    "'m": ("am",),
    "'ve": ("have",),
    "'d": ("would",),
    "'re": ("are",),
    "'s": ("is",),
}
_IRREGULAR_NEGATIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "cannot": ("can", "not")}
_CLAUSE_BREAK = frozenset(", ; : — – ( ) or but because so".split())
_NEGATORS = frozenset("not no never without nobody nothing".split())
_HYPOTHETICAL = frozenset("if when whether once suppose someday after before".split())
_POSSESSIVE_OWN = frozenset("my our his her their".split())
_FIRST_PERSON = frozenset("i we".split())
_INTENT = frozenset(
    "will shall going gonna about plan intend decide want wish would am are".split()
)
_QUESTION_OPENERS = (
    ("how",),
    ("where",),
    ("what",),
    ("is", "there"),
    ("can", "i"),
    ("could", "i"),
    ("do", "you"),
    ("does",),
    ("is", "it", "possible"),
    ("can", "we"),
)
_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+[A-Za-z]*)")
_POSITIVE_RATING = frozenset("5 five 4 four great good positive glowing".split())
# Word sets the readers test every token against, built once here: ``Token.is_`` given a
# tuple builds a set per call, and that ran for every token of every clause.
_ESCALATE = frozenset(("escalate",))
_DISPUTE = frozenset(("dispute",))
_RATING_NOUN = frozenset(("review", "star", "rating"))
_CLOSE_END = frozenset(("close", "end"))
_ACTED_ON = lex.EN_REACH | lex.EN_CONTACT | {"forward", "hire", "consult"}


@dataclass(frozen=True)
class Token:
    """One word of a clause: its lower-cased form and every lemma lemminflect gives it."""

    word: str
    lemmas: frozenset[str]

    def is_(self, words: Iterable[str]) -> bool:
        """Whether the word or one of its lemmas is in ``words``."""
        pool = words if isinstance(words, (set, frozenset)) else frozenset(words)
        return self.word in pool or not self.lemmas.isdisjoint(pool)


@per_run(keep=is_known_word)
def _lemmas(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas  # a 2 s lexicon: loaded only when first needed

    found = getAllLemmas(word)
    return frozenset(lemma.lower() for lemmas in found.values() for lemma in lemmas) | {word}


@per_run(keep=is_known_word)
def _is_past(word: str) -> bool:
    """Whether ``word`` is a past-tense verb form ("moved", "left"), not a base or -ing form."""
    from lemminflect import getAllInflections, getAllLemmas

    for lemma in getAllLemmas(word).get("VERB", ()):
        if word in getAllInflections(lemma, upos="VERB").get("VBD", ()):
            return True
    return False


def _words(text: str) -> list[str]:
    out: list[str] = []
    for raw in _TOKEN.findall(text.replace("’", "'")):
        low = raw.lower()
        if low in _IRREGULAR_NEGATIONS:
            out.extend(_IRREGULAR_NEGATIONS[low])
            continue
        if "'" not in low:  # every contraction below has one; most words do not
            out.append(low)
            continue
        for suffix, expansion in _CONTRACTIONS.items():
            if low.endswith(suffix) and len(low) > len(suffix):
                out.append(low[: -len(suffix)])
                out.extend(expansion)
                break
        else:
            out.append(low)
    return out


def clauses(text: str) -> list[tuple[list[Token], bool]]:
    """The clauses of ``text`` as tokens, each with whether its sentence is a question."""
    found = []
    for sentence in split_sentences(text):
        question = sentence.text.rstrip().endswith("?")
        current: list[Token] = []
        for word in _words(sentence.text):
            if word in _CLAUSE_BREAK or word in ".!?":
                if current:
                    found.append((current, question))
                current = []
                continue
            current.append(Token(word, _lemmas(word)))
        if current:
            found.append((current, question))
    return found


def _match_at(tokens: list[Token], i: int, seq: tuple[str, ...]) -> bool:
    if i + len(seq) > len(tokens):
        return False
    # Compared part by part, not through Token.is_: this runs for every token and every
    # multi-word entry, and building a set per comparison was the check's main cost.
    for k, part in enumerate(seq):
        token = tokens[i + k]
        if part != token.word and part not in token.lemmas:
            return False
    return True


def _find(
    tokens: list[Token], single: frozenset[str], multi: tuple[tuple[str, ...], ...] = ()
) -> list[tuple[int, int]]:
    """Spans (token index, end) of every lexicon entity in the clause."""
    spans = []
    firsts = _first_parts(multi)
    for i in range(len(tokens)):
        token = tokens[i]
        # Most tokens start no entry: one set test spares trying every entry at every token.
        if token.word in firsts or not token.lemmas.isdisjoint(firsts):
            for seq in multi:
                if _match_at(tokens, i, seq):
                    spans.append((i, i + len(seq)))
        # ``Token.is_`` inlined (``single`` is already a set): it runs for every token.
        if token.word in single or not token.lemmas.isdisjoint(single):
            spans.append((i, i + 1))
    return spans


@lru_cache(maxsize=64)
def _first_parts(multi: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The first words of the multi-word entries (a token can start an entry only with one)."""
    return frozenset(seq[0] for seq in multi)


def _negated(tokens: list[Token], i: int, window: int = 4) -> bool:
    """A negator shortly before token ``i`` ("do not want to cancel", "no need for a manager")."""
    start = max(0, i - window)
    return any(
        t.word in _NEGATORS and not any(u.is_(lex.EN_HESITATE) for u in tokens[k + 1 : k + 3])
        for k, t in enumerate(tokens[start:i], start)
    )


def _hypothetical(tokens: list[Token], i: int) -> bool:
    """Token ``i`` sits in an "if/when ..." clause ("if I close my account one day")."""
    return any(t.word in _HYPOTHETICAL for t in tokens[max(0, i - 4) : i])


def _how_to(tokens: list[Token], question: bool) -> bool:
    """A question asking how or whether something can be done ("How do I dispute ...?")."""
    if not question:
        return False
    head = [t.word for t in tokens[:4]]
    return any(tuple(head[: len(o)]) == o for o in _QUESTION_OPENERS)


def _modifies_noun(tokens: list[Token], end: int) -> bool:
    """The entity is a modifier of the next noun ("manager role", "FTC disclosure settings")."""
    if end >= len(tokens):
        return False
    nxt = tokens[end].word
    if nxt in ("-",):
        return True
    from guardrails.text.word_class import is_only_noun

    return is_only_noun(nxt) and nxt not in lex.EN_CONTACT_NOUN


def _owned_by_customer(tokens: list[Token], start: int) -> bool:
    """Whether it is the customer's own colleague ("my manager", "our office manager")."""
    return any(t.word in _POSSESSIVE_OWN for t in tokens[max(0, start - 2) : start])


def _first_person_intent(tokens: list[Token], i: int) -> bool:
    """Whether the customer announces the verb at ``i`` ("I will", "I'm going to", "we want to")."""
    before = tokens[:i]
    for k in range(len(before) - 1, -1, -1):
        if before[k].word in _FIRST_PERSON:
            between = before[k + 1 :]
            return len(between) <= 5 and (
                not between or any(t.word in _INTENT for t in between) or _present(tokens[i])
            )
    return False


def _present(token: Token) -> bool:
    return token.word.endswith("ing") or not _is_past(token.word)


def _imperative(tokens: list[Token], i: int) -> bool:
    """The verb at ``i`` opens its clause (after "please", "just", "kindly", "now")."""
    return all(t.word in ("please", "just", "kindly", "now", "simply") for t in tokens[:i])


def _manager(tokens: list[Token], question: bool) -> bool:
    spans = _find(tokens, lex.EN_AUTHORITY, lex.EN_AUTHORITY_MULTI)
    for i, t in enumerate(tokens):
        if t.word in lex.EN_SOMEONE and any(u.is_(lex.EN_SENIORITY) for u in tokens[i + 1 : i + 4]):
            spans.append((i, i + 1))
        if t.is_(_ESCALATE) and not _negated(tokens, i):
            return True
    for start, end in spans:
        if _owned_by_customer(tokens, start) or _modifies_noun(tokens, end):
            continue
        reach = [k for k, u in enumerate(tokens) if u.is_(lex.EN_REACH) and k != start]
        if not reach and not question:
            continue
        if _negated(tokens, start, 3) or any(_negated(tokens, k, 3) for k in reach if k < start):
            continue
        return True
    return False


def _legal(tokens: list[Token], question: bool, turn_upset: bool) -> bool:
    for start, end in _find(tokens, lex.EN_LEGAL_ACT, lex.EN_LEGAL_MULTI):
        if _modifies_noun(tokens, end) or _negated(tokens, start) or _how_to(tokens, question):
            continue
        return True
    for start, end in _find(tokens, lex.EN_LEGAL_ACTOR):
        identity = start >= 2 and tokens[start - 2].word in ("am", "is", "are", "was")
        if identity or _modifies_noun(tokens, end) or _negated(tokens, start):
            continue
        acted_on = any(u.is_(_ACTED_ON) for u in tokens[:start])
        addressed = any(u.word in ("you", "your") for u in tokens)
        future = any(u.word in ("will", "shall", "going") for u in tokens)
        if question and not turn_upset:
            continue  # a calm question about the product ("can the form reach our attorneys?")
        if acted_on or addressed or future or turn_upset:
            return True
    return False


def _chargeback(tokens: list[Token], question: bool) -> bool:
    words = [t.word for t in tokens]
    for i, w in enumerate(words):
        if w in ("chargeback", "chargebacks") or (
            w == "charge" and words[i + 1 : i + 2] == ["back"]
        ):
            if not _negated(tokens, i) and not _how_to(tokens, question):
                return True
    parties = _find(tokens, lex.EN_PAYMENT_PARTY, lex.EN_PAYMENT_PARTY_MULTI)
    objects = _find(tokens, lex.EN_PAYMENT_OBJECT)
    own_customer = any(
        t.word in ("customer", "customers", "store", "shop", "buyer") for t in tokens
    )
    if _how_to(tokens, question) or own_customer:
        return False
    for i, t in enumerate(tokens):
        if t.is_(_DISPUTE) and (parties or objects) and not _negated(tokens, i):
            return True
    for start, _ in parties:
        if any(u.is_(lex.EN_PAYMENT_ACTION) for u in tokens[:start]) and not _negated(
            tokens, start, 6
        ):
            return True
        reversal = any(t.is_(lex.EN_PAYMENT_REVERSAL) for t in tokens)
        if reversal and objects:
            return True
    return False


def _regulator(tokens: list[Token], question: bool) -> bool:
    """A regulator named as where the complaint goes ("a complaint to the CFPB")."""
    for start, end in _find(tokens, lex.EN_REGULATOR, lex.EN_REGULATOR_MULTI):
        if _modifies_noun(tokens, end) or _negated(tokens, start) or _how_to(tokens, question):
            continue
        if any(t.is_(lex.EN_COMPLAINT_ACTION) for t in tokens) or not question:
            return True
    return False


def _low_rating(tokens: list[Token]) -> bool:
    """A low or bad rating: "1-star review", "one star", "a bad review" (not "five-star")."""
    words = [t.word for t in tokens]
    for i, t in enumerate(tokens):
        first = t.word.split("-")[0]
        if first in lex.EN_LOW_STARS and t.word.endswith(("-star", "-stars")):
            if not _negated(tokens, i):
                return True
        if not t.is_(_RATING_NOUN):
            continue
        before = [w.split("-")[0] for w in words[max(0, i - 3) : i] if w != "-"]
        low = any(w in lex.EN_LOW_STARS or w in lex.EN_BAD_RATING for w in before)
        if low and not any(w in _POSITIVE_RATING for w in before) and not _negated(tokens, i):
            return True
    return False


def _public_post(tokens: list[Token], question: bool) -> bool:
    """The customer announces posting about us on a public channel ("I'll post this on X")."""
    channels = [s for s, _ in _find(tokens, lex.EN_PUBLIC_CHANNEL, (("social", "media"),))]
    if question or not channels or any(t.word in _POSITIVE_RATING for t in tokens):
        return False
    for i, t in enumerate(tokens):
        if not t.is_(lex.EN_PUBLISH) or not any(c > i for c in channels) or _negated(tokens, i):
            continue
        if _first_person_intent(tokens, i) and not _is_past(t.word):
            return True
        if _imperative(tokens, i) and t.word in ("expect", "enjoy"):
            return True
    return False


def _public(tokens: list[Token], question: bool) -> bool:
    """A regulator, a low rating or a public post."""
    return _regulator(tokens, question) or _low_rating(tokens) or _public_post(tokens, question)


# Words that may follow "cancel" without naming what is cancelled ("cancel it now").
_NO_OBJECT = frozenset(
    "my the this it your our a and today now immediately effective all whole entire".split()
)


def _cancels_relationship(
    tokens: list[Token], i: int, question: bool, upset: bool, objects: frozenset[str]
) -> bool:
    """Whether the customer leaves: "cancel my plan", "close my account" (not "an order")."""
    after = tokens[i + 1 : i + 5]
    obj = next((u for u in after if u.is_(objects)), None)
    other_obj = bool(after) and after[0].word not in _NO_OBJECT and not after[0].is_(objects)
    if tokens[i].is_(_CLOSE_END) and obj is None:
        return False  # "close a ticket", "end the call": not the customer leaving
    if obj is None and other_obj:
        return False  # "cancel a single order", "cancel an order one of my customers placed"
    if question and not upset:
        return False  # "How do I cancel my plan?" asked calmly is a how-to
    return _first_person_intent(tokens, i) or _imperative(tokens, i) or upset


def _switches_away(tokens: list[Token], i: int, brand: str | None, names: set[str]) -> bool:
    """Whether the customer moves to another provider ("switching to a competitor")."""
    words = [t.word for t in tokens]
    if "to" not in words[i + 1 : i + 5] or _is_past(tokens[i].word):
        return False
    k = words.index("to", i + 1)
    target = tokens[k + 1 : k + 3]
    elsewhere = any(u.is_(lex.EN_ELSEWHERE) for u in target)
    # A product name the customer wrote capitalised, other than ours ("to Squarespace").
    named = bool(target) and target[0].word in names and target[0].word != (brand or "").lower()
    intent = _first_person_intent(tokens, i) or tokens[i].word.endswith("ing")
    return (elsewhere or named) and intent


def _cancel(
    tokens: list[Token], question: bool, brand: str | None, upset: bool, names: set[str]
) -> bool:
    """Cancelling or leaving: "close my account", "I'm about to cancel", "switching to X"."""
    words = [t.word for t in tokens]
    objects = lex.EN_RELATIONSHIP | ({brand.lower()} if brand else frozenset())
    for i, t in enumerate(tokens):
        if _negated(tokens, i) or _hypothetical(tokens, i):
            continue
        if t.is_(lex.EN_CANCEL) and _cancels_relationship(tokens, i, question, upset, objects):
            return True
        done = t.word in ("done", "finished", "through") and words[i + 1 : i + 2] == ["with"]
        if done and i >= 2 and words[i - 1] in ("am", "are") and words[i - 2] in _FIRST_PERSON:
            return True
        if t.is_(lex.EN_SWITCH) and not question and _switches_away(tokens, i, brand, names):
            return True
        if t.word == "business" and "elsewhere" in words[i + 1 : i + 3]:
            return True
    return False


def _repeat(tokens: list[Token]) -> bool:
    words = [t.word for t in tokens]
    for i, t in enumerate(tokens):
        if t.word in lex.EN_ORDINAL and any(
            u.is_(lex.EN_CONTACT_NOUN) for u in tokens[i + 1 : i + 3]
        ):
            return True
        if t.word in lex.EN_MANY and words[i + 1 : i + 2] == ["times"]:
            return True
        if t.word == "again" and words[i + 1 : i + 3] == ["and", "again"]:
            return True
        if t.word in ("keep", "keeps"):
            # "I keep asking", "we keep having to explain"
            rest = (
                tokens[i + 3 : i + 4]
                if words[i + 1 : i + 3] == ["having", "to"]
                else tokens[i + 1 : i + 2]
            )
            if rest and rest[0].is_(lex.EN_CONTACT):
                return True
        if t.word in ("over",) and words[i + 1 : i + 3] == ["and", "over"]:
            return True
    if "again" in words:
        for i, t in enumerate(tokens):
            if (
                t.is_(lex.EN_CONTACT)
                and t.word not in ("send", "tell", "call")
                and any(u.word == "i" for u in tokens[max(0, i - 3) : i])
            ):
                return True
    return False


def triggers(text: str, brand: str | None, upset: bool) -> set[str]:
    """The triggers ``text`` states (manager, legal, chargeback, public, cancel, repeat)."""
    # Words written capitalised mid-sentence: product and company names ("to Squarespace").
    names = {m.group(1).lower() for m in _MID_SENTENCE_NAME.finditer(text)}
    found: set[str] = set()
    for tokens, question in clauses(text):
        if _manager(tokens, question):
            found.add("manager")
        if _legal(tokens, question, upset):
            found.add("legal")
        if _chargeback(tokens, question):
            found.add("chargeback")
        if _public(tokens, question):
            found.add("public")
        if _cancel(tokens, question, brand, upset, names):
            found.add("cancel")
        if _repeat(tokens):
            found.add("repeat")
    return found
