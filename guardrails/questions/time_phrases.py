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

from guardrails.text.word_class import classes_of

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
    rf"\b(?:until|till|upon|at|after|before|on|by)\s+(?:{_EN_DETERMINER}\s+)?"
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
    r"(?<![0-9０-９])[一-龥ァ-ヴー]{2,}(?:時(?![間給速代])|の際|際に|後(?:に|は|から|、)|以降|の時点|時点)|"
    r"[うくぐすつぬぶむる]まで(?:に|は|、|の)?"
)


def relative_time(text: str) -> bool:
    """Whether ``text`` (English or Japanese) tells a time relative to an event (module doc)."""
    if _EN_RELATIVE.search(text) or _JA_RELATIVE.search(text):
        return True
    return any(
        m.group("next") is None or "NOUN" not in classes_of(m.group("next"))
        for m in _EN_AT_EVENT.finditer(text)
    )
