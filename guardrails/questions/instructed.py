"""An ask for what the customer should do or bring, answered by an instruction that does it.

"What should I bring to my first session?" is answered by "Just bring comfortable clothes and a
water bottle", 「面談には何を持っていけばいいですか」 by 「母子手帳と保険証をお持ちください」: the
ask's own verb said back to the customer as an instruction, with its object, gives the thing
asked for, whatever that thing is called. "What should I do before the lesson?" asks for any
act of the customer's, so any instruction answers it. A sentence that only describes the thing
("The session lasts ninety minutes") or tells the customer to write to us (``instruction_verbs``
leaves those out) is no answer.
"""

from __future__ import annotations

import re

from guardrails.japanese import verb_kanji
from guardrails.language import KANJI, normalise_width
from guardrails.questions.answer_types import instruction_verbs
from guardrails.terms import en_terms

# "What should I bring?", "what do we need to wear", "What else must I do before ...": the
# customer's own act asked for by its object.
_WHAT_TO_DO_EN = re.compile(
    r"\bwhat\s+(?:else\s+)?(?:should|do|must|shall|would|can)\s+(?:i|we)\s+"
    r"(?:(?:need|have|ought)\s+to\s+)?([a-z]+)\b",
    re.IGNORECASE,
)
# 「何を持っていけばいいですか」「何を用意したらよいでしょうか」: what to do to the thing asked.
_WHAT_TO_DO_JA = re.compile(r"何を([^、。？?]{1,12}?)(?:ば|たら)(?:いい|よい|良い|よろしい)")
# 「持ち物は何が必要ですか」: the things to do the act of the noun's verb (持ち物: things to
# carry) asked for by the noun.
_WHAT_THINGS_JA = re.compile(
    rf"([{KANJI}])[ぁ-ん]?物(?:は|って)[^。？?]{{0,6}}?(?:何|なに)(?:が|か)?"
    r"(?:必要|要り|いり|あれば|でしょう|です)"
)
# A Japanese instruction to the customer closing its sentence: 「お持ちください」「ご用意ください」,
# with the verb's kanji just before it.
_JA_PLEASE = re.compile(
    rf"(?<![{KANJI}])([{KANJI}])[{KANJI}]{{0,3}}[ぁ-ん]{{0,4}}(?:ください|下さい)"
)
# 「何をすればいいですか」 asks for any act, as "what should I do" does.
_ANY_ACT_JA = re.compile(r"^(?:す|し|やれ|やっ)")
# A request to write to us or wait is a way to reach us, not a thing to do for the ask.
_JA_WRITE_BACK = re.compile(r"(?:連絡|問い合わせ|問合せ|返信|待ち)")
# A well-wish is an imperative of experience, not a step: a time or a stay to be had or
# enjoyed ("Have a lovely weekend!", "Enjoy the rest of your trip") - an indefinite object, as
# a step's "have" names a thing of the customer's ready ("Have your ID ready") - or the leave
# formula "Feel free to ..."; in Japanese the closing verbs of spending a time, enjoying it and
# taking care (「お過ごしください」「お楽しみください」「ご自愛ください」「お気をつけください」).
_WELL_WISH_EN = re.compile(
    r"^\W*(?:(?:just|please|and)\s+)?(?:enjoy\b|feel\s+free\b|take\s+care\b|"
    r"have\s+(?:a|an)\b(?![^.!?]*\b(?:ready|to\s+hand|with\s+you|on\s+you)\b))",
    re.IGNORECASE,
)
_JA_WELL_WISH = re.compile(r"^(?:過ご|楽し|自愛|気を(?:つけ|付け))")
# A finite verb or auxiliary: a clause holding one after its first word reads that word as a
# noun ("Wear and tear isn't covered"), not as an instruction.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|isn't|aren't|has|have|had|will|won't|can|can't|may|must|does|do|"
    r"doesn't|don't|gets|goes|comes|needs|makes)\b",
    re.IGNORECASE,
)
# Where or for what the thing is brought: "to the car inspection", "for our open day". A
# phrase opening on a determiner names a thing; "to check in" names an act.
_DESTINATION = re.compile(
    r"\b(?:to|for)\s+(?:the|our|your|my|a|an|this|that)\s+([^.,;:!?]+)", re.IGNORECASE
)


def asks_what_to_do(ask: str) -> bool:
    """True when ``ask`` asks what the customer should do or bring (either language)."""
    folded = normalise_width(ask)
    return bool(
        _WHAT_TO_DO_EN.search(folded)
        or _WHAT_TO_DO_JA.search(folded)
        or _WHAT_THINGS_JA.search(folded)
    )


def instructs_asked_act(ask: str, sentence: str, *, any_act: bool = True) -> bool:
    """True when ``sentence`` tells the customer to do the act ``ask`` asks the object of.

    English: an instruction opening with the ask's verb (any instruction when the verb is
    "do"). Japanese: a 〜ください closing on the kanji of the ask's verb, with something said
    before it (the thing to bring), never a request to contact us. ``any_act`` False leaves
    out the "what should I do" reading: in a turn of several asks an instruction may do
    another ask's act ("Pay at reception" to "can I pay by card?").
    """
    folded_ask, folded = normalise_width(ask), normalise_width(sentence)
    english = _WHAT_TO_DO_EN.search(folded_ask)
    if english is not None:
        if _WELL_WISH_EN.match(folded) or _elsewhere(folded_ask, folded):
            return False
        verbs = instruction_verbs(folded)
        asked = english.group(1).lower()
        if asked == "do":
            return any_act and bool(verbs)
        return any(en_terms(verb) == en_terms(asked) for verb in verbs) or _opens_on_verb(
            asked, folded
        )
    japanese = _WHAT_TO_DO_JA.search(folded_ask)
    things = _WHAT_THINGS_JA.search(folded_ask)
    if japanese is not None:
        act = japanese.group(1)
        wanted = verb_kanji(act) | frozenset(re.findall(f"[{KANJI}]", act)[:1])
    elif things is not None:
        act, wanted = "", frozenset({things.group(1)})
    else:
        return False
    for please in _JA_PLEASE.finditer(folded):
        if please.start() == 0 or _JA_WRITE_BACK.search(please.group(0)):
            continue  # nothing to bring said before it, or a way to reach us
        if _JA_WELL_WISH.match(please.group(0)):
            continue  # a well-wish closing the reply
        if please.group(1) in wanted or (any_act and not wanted and _ANY_ACT_JA.match(act)):
            return True
    return False


def _elsewhere(ask: str, sentence: str) -> bool:
    """True when ``sentence`` names where or for what the act is done, and it is not the ask's.

    "Bring your questions to our open day" brings things to another occasion than "What should
    I bring to the car inspection?": the two destinations share no word.
    """
    asked, said = _DESTINATION.search(ask), _DESTINATION.search(sentence)
    if asked is None or said is None:
        return False
    return not en_terms(asked.group(1)) & en_terms(said.group(1))


def _opens_on_verb(asked: str, sentence: str) -> bool:
    """True when ``sentence`` opens on the ask's own verb as an instruction.

    "Wear sturdy boots" to "What should I wear?": a word that may be a noun too (``instruction_
    verbs`` leaves it unless a determiner follows) is the asked verb when its clause holds no
    finite verb that would make it a subject.
    """
    clause = re.split(r"[,;:.!?]", sentence, maxsplit=1)[0]
    words = clause.split()
    if len(words) < 2 or words[0].lower() != asked or asked == "do":
        return False
    return not _FINITE.search(" ".join(words[1:]))
