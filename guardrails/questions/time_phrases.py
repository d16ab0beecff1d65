"""A time told relative to an event: "until renewal", "at your next login", 次回ログイン時に.

"When will the new price apply?" is answered by "Existing plans keep their price until
renewal" as well as by a date: the answer is a time, though it holds no number. Such a time is
read by its structure, in either language:

- English: a temporal preposition or conjunction with an event or a time noun ("until
  renewal", "at checkout", "at the start of your next billing period", "from your next
  order"), or a temporal clause ("as soon as the app is opened again", "...until you sign
  in"). A sentence opening with "When ..." is a condition on a procedure ("When you're
  ready, click Save"), no time of an answer, and is left out.
- Japanese: 次回 / 次の…時, an event noun with 時・際・後・以降・時点 (「更新時まで」「ご注文時に」
  「ログイン後」), or a verb's plain form with まで (「スタッフが伺うまで」).
"""

from __future__ import annotations

import re

from guardrails.follow_up import FOLLOW_UP_EN
from guardrails.text.word_class import classes_of, is_base_verb, is_only_noun

# Nouns naming a point in time or an event that marks one. The grammar around them (a temporal
# preposition) is what makes them a time; the nouns alone are no answer ("on every order").
_EN_EVENT = (
    r"(?:renewal|expiry|expiration|checkout|check-out|log-?in|sign-?in|arrival|delivery|"
    r"activation|cancellation|purchase|payment|dispatch|shipment|launch|release|restart|"
    r"reboot|billing\s+(?:date|day|period|cycle)|(?:start|end|beginning|close)|period|cycle|"
    r"term|month|week|year|day|weekend|session|visit|order|update|trial)s?"
)
_EN_DETERMINER = r"(?:the|your|each|every|its|their|our|this|that|a)"
# "until renewal", "at checkout", "after the purchase", "upon arrival". A word after the event
# that may be a noun makes the event a modifier ("on the checkout page" is a place).
_EN_AT_EVENT = re.compile(
    rf"\b(?P<prep>until|till|upon|at|after|before|on|by)\s+(?:{_EN_DETERMINER}\s+)?"
    r"(?:renewal|expiry|expiration|checkout|check-out|log-?in|sign-?in|arrival|delivery|"
    r"activation|purchase|dispatch|shipment|launch|release)\b(?:\s+(?P<next>[a-z]+))?",
    re.IGNORECASE,
)
_EN_RELATIVE = re.compile(
    # "at the start of ...", "by the end of ...": a time whatever follows
    r"\b(?:at|by|from|until|till|before|after|on|as\s+of)\s+the\s+"
    r"(?:start|end|beginning|close|time)\s+of\b|"
    # "at your next login", "from the following month", "with your next order"
    rf"\b(?:at|on|from|until|till|after|before|by|with|starting|as\s+of)\s+"
    rf"(?:{_EN_DETERMINER}\s+)?(?:next|following|upcoming|coming|first)\s+"
    rf"(?:[a-z-]+\s+)?{_EN_EVENT}\b|"
    # a temporal clause: "as soon as the app is opened", "until you sign in again"
    r"\b(?:as\s+soon\s+as|the\s+moment|until|till|the\s+next\s+time)\s+"
    r"(?:you|your|the|it|they|we|a|an|this|that|our|its|their)\b|"
    # "when" inside the sentence, not opening it: "starts when you first unlock a bike"
    r"(?<=\w)[,\s]+(?:when|whenever|once)\s+(?:you|your|the|it|they|we|this|that|our|its)\b",
    re.IGNORECASE,
)
# Japanese: 次回, 次の…時; an event noun (a kanji or katakana run of two or more, not a count
# such as 20倍) with 時・際・後・以降・時点 (時間 is a duration or hours, not a point); a verb's
# plain form with まで (「伺うまで」「届くまで」).
_JA_RELATIVE = re.compile(
    r"次回|次の[^、。]{1,10}?(?:時|際|とき)|"
    # (時は / の際は with the topic mark is a frame for what follows, 「抜糸の際は痛みは…」,
    # no time told)
    # (the run is capped: each start reads at most that far, so a long run is linear)
    r"(?<![0-9０-９])[一-龥ァ-ヴー]{2,12}(?:時(?![間給速代は])|の際(?!は)|際に|後(?:に|は|から|、)|以降|の時点|時点)|"
    r"[うくぐすつぬぶむる]まで(?:に|は|、|の)?"
)


# A promise of our next message on an event ("we'll let you know when it ships", "we'll email
# you once it leaves"): the event times our message, not the thing asked, so it is no time of
# an answer ("When will it arrive?" is still open). Our message verb (follow_up's one list of
# those verbs; any other act on "you", "We'll charge you once it ships", is the asked act with
# its time), then the event within a bounded stretch (bounded: each start reads at most that
# far, so a long text is read in linear time).
_NEWS_ON_EVENT = re.compile(
    rf"\b(?:{FOLLOW_UP_EN})\b[^.;!?。]{{0,80}}?"
    r"\b(?:when|whenever|once|as\s+soon\s+as|the\s+moment)\b",
    re.IGNORECASE,
)


# "many guests wonder when it opens", "do you know when ...": a when-clause asked or wondered
# about, no time told. A fixed verb, then the clause to the sentence's end: linear.
_EMBEDDED_WHEN = re.compile(
    r"\b(?:wonder\w*|ask\w*|know\w*|sure|idea|tell\s+(?:me|us|you))\s+"
    r"(?:when|whenever|once|as\s+soon\s+as)\b[^.;!?。]*",
    re.IGNORECASE,
)


def relative_time(text: str) -> bool:
    """Whether ``text`` (English or Japanese) tells a time relative to an event (module doc).

    The event of a promise of news ("we'll email you once it ships") is left out.
    """
    text = _EMBEDDED_WHEN.sub(" ", _NEWS_ON_EVENT.sub(" ", text))
    if _EN_RELATIVE.search(text) or _JA_RELATIVE.search(text):
        return True
    return any(
        (m.group("next") is None or "NOUN" not in classes_of(m.group("next")))
        and not _modifies_a_noun(*_words_before(text, m.start()), m.group("prep"))
        for m in _EN_AT_EVENT.finditer(text)
    )


# The two words before a match, read from a bounded stretch before it (a long run is not
# rescanned).
_LAST_WORDS = re.compile(r"(?:([A-Za-z']+)\s+)?([A-Za-z]+)\s+$")
# Words after which a word that is a noun and a verb ("cash", "pay", "charge") is the verb:
# a subject, a modal, "to", or a joined verb ("You pay on delivery", "we'll charge on renewal",
# "order and pay on delivery").
_BEFORE_A_VERB = frozenset(
    "i we you they he she it to will 'll can could may might must should would shall please "
    "and or then also only just".split()
)


def _words_before(text: str, at: int) -> tuple[str | None, str | None]:
    """The word before the word right before ``at``, and that word (each ``None`` if absent)."""
    m = _LAST_WORDS.search(text[max(0, at - 40) : at])
    if m is None:
        return None, None
    return (m.group(1).lower() if m.group(1) else None), m.group(2)


def _modifies_a_noun(earlier: str | None, before: str | None, prep: str) -> bool:
    """Whether "on/at/upon <event>" follows a noun it describes ("a signature on delivery").

    ``before`` is the word right before the preposition, ``earlier`` the one before it.
    "payment on delivery" (a noun phrase) and "taken on delivery" (a time of the act) differ
    by that word. A word that is a noun and a verb ("cash", "charge", "fee", "price") is the
    noun unless its subject, a modal or "to" comes before it: "We accept cash on delivery"
    names a way to pay, "You pay on delivery" and "The warranty starts on delivery" tell
    when. "until" and "after" tell a time after a noun as well ("the price until renewal").
    """
    if before is None or prep.lower() not in {"on", "at", "upon"}:
        return False
    classes = classes_of(before)
    if "NOUN" not in classes or "AUX" in classes:
        return False
    if "VERB" not in classes:
        return True
    # a noun and a verb: the verb after a pronoun, a modal, "to" or a joined verb ("we'll
    # charge on delivery"), or after its subject noun: a word that is only a noun ("the
    # warranty starts"), or a noun before an inflected form ("the guarantee starts")
    said = set(earlier.replace("'", " '").split()) if earlier else set()
    if said & _BEFORE_A_VERB:
        return False
    subject = earlier is not None and (
        is_only_noun(earlier) or ("NOUN" in classes_of(earlier) and not is_base_verb(before))
    )
    return not subject
