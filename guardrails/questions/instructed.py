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
        verbs = instruction_verbs(folded)
        asked = english.group(1).lower()
        if asked == "do":
            return any_act and bool(verbs)
        return any(en_terms(verb) == en_terms(asked) for verb in verbs)
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
        if please.group(1) in wanted or (any_act and not wanted and _ANY_ACT_JA.match(act)):
            return True
    return False
