"""An English ask that points back, read with the things it points to.

"My replacement card was ordered ten days ago. Where is it?" is one ask: extraction keeps the
sentence "it" points to in front of the ask's text. The judge reads the ask's form (where,
when, a yes/no) from the sentence that asks, and its topic from what "it" stands for: the
noun phrases of the sentence before ("Where is my replacement card?"). Read whole, the form
of the asking sentence is lost behind the first one, and the earlier sentence's own facts
(the day it was ordered) count as words the answer must repeat.
"""

from __future__ import annotations

import re

from guardrails.terms import content_terms
from guardrails.text.word_class import classes_of

# A noun phrase this reading knows: a determiner or a possessive, then the words of the
# phrase. A bare plural or a name is left out: "it" stands for a thing introduced by one.
# "your ..." names the agent's own side (their shop, their engineer, their app): where the
# customer's thing went, never what "it" stands for; put in for "it" it would let a reply
# about that side ("Our store is open until 9pm") answer the ask.
_DETERMINER = re.compile(
    r"\b(my|our|your|his|her|their|the|a|an)\s+"
    # a lookahead, so that a phrase's words never hide the determiner of the next one
    r"(?=((?:[A-Za-z]+(?:'s|s')?[\s-]+){0,3}[A-Za-z]+))",
    re.IGNORECASE,
)
_FUNCTION = frozenset(
    "a an the my our your his her their this that these those it its of in on at to for from by "
    "with and or but back up out off over into onto about as so than then there here still "
    "again just also now".split()
)
# Words of time end a phrase: "a lamp last month" names the lamp, the month says when.
_TIME_WORDS = frozenset(
    "last next ago today tonight tomorrow yesterday morning afternoon evening night day days "
    "week weeks weekend month months year years monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
_PREPOSITIONS = frozenset(
    "in on at to for from by with into onto about over under near behind inside outside of "
    "through across".split()
)
# The pronouns an ask points back with; the first one stands for the earlier things.
_PRONOUN = re.compile(r"\b(?:it|them|this|that)\b", re.IGNORECASE)
_END_MARK = re.compile(r"[\s?.!。？！]*$")
# A tag question: an auxiliary (negated or not) and a pronoun closing the ask, alone or after a
# comma ("It ships free, doesn't it?", "Is it?", "right?").
_TAG = re.compile(
    r"(?:^|,)\s*(?:(?:is|was|are|were|does|do|did|will|would|can|could|has|have|should)"
    r"(?:n't|\s+not)?|isn't|wasn't|aren't|weren't|doesn't|don't|didn't|won't|wouldn't|"
    r"can't|couldn't|hasn't|haven't|shouldn't)\s+(?:it|that|they|this)\s*[?.!]*\s*$|"
    r"(?:^|,)\s*right\s*[?.!]*\s*$",
    re.IGNORECASE,
)


_CONTENT = frozenset({"NOUN", "ADJ", "VERB"})


def _is_noun(word: str) -> bool:
    return "NOUN" in classes_of(word.lower().removesuffix("'s").rstrip("'"))


def _phrase(words: list[str]) -> str:
    """The noun phrase ``words`` open: up to the last noun before a word that is none."""
    kept: list[str] = []
    for word in words:
        bare = word.lower().removesuffix("'s").rstrip("'")
        if bare in _FUNCTION or bare in _TIME_WORDS or not classes_of(bare) & _CONTENT:
            break
        kept.append(word)
    while kept and not _is_noun(kept[-1]):
        kept.pop()
    return " ".join(kept)


def noun_phrases(text: str) -> list[str]:
    """The noun phrases after a determiner or a possessive in ``text``, in order.

    "The porter wheeled my cello case out on Monday" -> ["The porter", "my cello case"].
    """
    return [phrase for phrase, owner in _phrases(text) if owner != _AGENTS]


_OWN, _AGENTS, _OTHER = "own", "agents", "other"


def _phrases(text: str) -> list[tuple[str, str]]:
    """Each noun phrase of ``text`` with whose thing it is: the customer's, the agent's, other.

    Own: "my" or "our" opens it and no preposition comes right before ("my cello case", not
    "in our office", which places another thing). The agent's: "your" opens it.
    """
    out: list[tuple[str, str]] = []
    for match in _DETERMINER.finditer(text):
        phrase = _phrase(re.split(r"[\s-]+", match.group(2)))
        named = f"{match.group(1)} {phrase}"
        if not phrase or any(named == seen for seen, _ in out):
            continue
        before = text[: match.start()].split()
        placed = bool(before) and before[-1].lower() in _PREPOSITIONS
        opener = match.group(1).lower()
        if opener == "your":
            owner = _AGENTS
        elif opener in {"my", "our"} and not placed:
            owner = _OWN
        else:
            owner = _OTHER
        out.append((named, owner))
    return out


def _antecedents(text: str) -> list[str]:
    """What a pronoun after ``text`` stands for: the customer's own things, else every phrase.

    "Where is it?" after "The porter wheeled my cello case out" asks after the case, not the
    porter.
    """
    phrases = _phrases(text)
    own = [phrase for phrase, owner in phrases if owner == _OWN]
    return own or [phrase for phrase, owner in phrases if owner == _OTHER]


def speaks_of_another(before: str, reply: str) -> bool:
    """True when ``reply`` names another thing of ``before`` and none that "it" stands for.

    After "I ordered a lamp from your store. When will it arrive?", "Our store is open until
    9pm" takes up the store, not the lamp: what "it" stands for cannot be read from such a
    reply, and the ask is judged whole, with the store in it, as it was before this reading.
    """
    meant = _antecedents(before)
    things = content_terms(" ".join(meant))
    others = content_terms(" ".join(p for p, _ in _phrases(before) if p not in meant)) - things
    said = content_terms(reply)
    return bool(others & said) and not things & said


def resolved(asking: str, before: str) -> str:
    """``asking`` with what it points to put in: the pronoun, or an "on ..." it leaves out.

    "Where is it?" after "I left my scarf at the gym." -> "Where is my scarf?"; "Any
    news?" -> "Any news on ...?". With no noun phrase before, ``asking`` is left as it is.
    """
    things = _antecedents(before)
    if not things or _TAG.search(asking):
        # "..., isn't it?", "is it?": a tag asks to confirm the statement it closes; its "it"
        # stands for that statement's subject, not for every thing named before
        return asking
    named = " or ".join(things)
    if _PRONOUN.search(asking):
        return _PRONOUN.sub(named, asking, count=1)
    mark = _END_MARK.search(asking)
    end = mark.start() if mark else len(asking)
    return f"{asking[:end]} on {named}{asking[end:]}"
