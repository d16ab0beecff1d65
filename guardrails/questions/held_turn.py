"""The customer turn an agent only put on hold: its asks are still open in the latest turn.

"Could you send me a photo of her?" / agent: "Of course, let me check with the team." /
"Thanks. Also, is she eating OK?": the agent's message promised a check and answered nothing,
so the photo is still asked for beside the new question. A message that answers ("Yes, it's
ready to collect") closes the earlier turn: only the latest one is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrails.context import Message, customer_turns
from guardrails.follow_up import DEFERRAL_JA, FIND_OUT_EN, FOLLOW_UP_EN
from guardrails.language import JAPANESE
from guardrails.questions.answer_types import JA_NO_WORD, JA_YES_WORD, NO_WORD
from guardrails.sentences import sentence_texts

__all__ = ["held_and_latest", "holds_only"]

# A check or our next message promised ("let me check", "I'll look into it", "we'll get back
# to you"), a wait asked for ("one moment", "bear with me"), 「確認いたします」
# 「少々お待ちください」: follow_up's one lists of those words.
_HOLD = re.compile(
    rf"\b(?:(?:i|we)(?:'ll|\s+will)|let\s+(?:me|us)(?!\s+know\b))\s+(?:just\s+|quickly\s+)?"
    rf"(?:{FIND_OUT_EN}|{FOLLOW_UP_EN})\b|\bone\s+(?:moment|sec(?:ond)?)\b|"
    rf"\bbear\s+with\s+(?:me|us)\b|{DEFERRAL_JA}|少々お待ち|お待ちください",
    re.IGNORECASE,
)
# A clause that only acknowledges or thanks: "Of course", "Thanks for waiting", 「承知しました」.
# (Not "yes" or 「はい」: said first, they answer the earlier ask.)
_PLEASANTRY = re.compile(
    r"\W*(?:(?:hi|hello|hey)(?:\s+there)?|sure|of\s+course|certainly|ok(?:ay)?|no\s+problem|"
    r"(?:good|great)\s+question|"
    r"thanks?(?:\s+you)?(?:\s+(?:so\s+much|for\s+(?:waiting|your\s+patience)))?|"
    r"承知(?:いたしました|しました)|かしこまりました|(?:お問い合わせ)?ありがとうございます|"
    r"恐れ入ります)\W*",
    re.IGNORECASE,
)
# A message that opens with an answer to the earlier ask: a yes or a no, the act done, an
# apology for what cannot be had ("All done, it's cancelled. I'll follow up by email.",
# "Sorry, it's sold out", 「はい、在庫ございます」「キャンセルを承りました」): the promise after
# it adds to an answer and holds nothing open.
_ANSWER_OPENING = re.compile(
    rf"^\W*(?:(?:yes|yeah|yep|yup|{NO_WORD}|(?:all\s+)?done|sorry|unfortunately|"
    rf"i'?m\s+afraid)\b|{JA_YES_WORD}|{JA_NO_WORD})|承りました",
    re.IGNORECASE,
)
# A clause ends at a sentence end, a comma or a semicolon: each must hold or be a pleasantry.
_CLAUSE_END = re.compile(r"[,;、，]\s*")
# A holding message is short: longer, it says something of its own besides the hold.
_MAX_SENTENCES = 2
_MAX_WORDS_EN = 20
_MAX_CHARS_JA = 50


def holds_only(body: str) -> bool:
    """True for an agent's message that puts the customer on hold and says nothing else.

    It promises a check or asks for a moment, in at most two short sentences with no figure
    (a figure is an answer: "It's 12.50; let me check the rest"); every clause of it holds or
    is a pleasantry ("Of course, let me check"), and it does not open with an answer ("Yes,
    it's ready. I'll follow up by email" answered).
    """
    text = body.strip()
    if not _HOLD.search(text) or re.search(r"\d", text) or _ANSWER_OPENING.search(text):
        return False
    sentences = sentence_texts(text)
    if len(sentences) > _MAX_SENTENCES:
        return False
    clauses = [c for s in sentences for c in _CLAUSE_END.split(s) if c.strip(" .!。！")]
    if not all(_HOLD.search(c) or _PLEASANTRY.fullmatch(c) for c in clauses):
        return False
    if JAPANESE.search(text):
        return len(text) <= _MAX_CHARS_JA
    return len(text.split()) <= _MAX_WORDS_EN


def held_and_latest(
    messages: Sequence[Message],
) -> tuple[tuple[Message, ...], tuple[Message, ...]]:
    """The customer turn held open (or none) and the latest customer turn, oldest first.

    The latest turn is the customer messages after the last agent message; the turn before
    it is still open when every agent message in between only held it (``holds_only``).
    """
    runs = customer_turns(messages)  # one source with GuardrailContext.latest_customer_turn
    if not runs:
        return (), ()
    if len(runs) >= 3 and all(holds_only(m.body) for m in runs[-2]):
        return runs[-3], runs[-1]
    return (), runs[-1]
