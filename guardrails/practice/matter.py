"""The matter a thread is about, as a subject line, read from the customer's opening sentence.

A vague subject ("Question", 「お問い合わせ」) names nothing; the replacement restates the
first sentence of the thread that says something ("Why was I charged twice on invoice
77120?" -> "Charged twice on invoice 77120"; 「請求書の宛名を変更できますか。」 ->
「請求書の宛名の変更について」). English keeps the sentence without its question frame and in
the second person; Japanese joins the sentence's nouns (Sudachi) with の and adds について.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guardrails.practice.morphemes import morphemes
from guardrails.practice.references import references
from guardrails.sentences import sentence_texts

_MAX_CHARS = 70
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|thanks|thank you)\b[^.!?]*$"
    r"|^(?:お世話になっております|お世話になります|こんにちは|いつもお世話|はじめまして|初めまして)",
    re.IGNORECASE,
)
# Question and request frames dropped from the front (the matter is what follows).
_EN_FRAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"^(?:why|how come) (?:was|were|is|are|did|do|does|has|have) (?:i|we)\s+", ""),
        (r"^(?:why|how come) (?:is|are|does|do|did|has|have|was|were)\s+", ""),
        (r"^how (?:do|can|could|should) (?:i|we)\s+", "How to "),
        (r"^(?:can|could|may) (?:i|we)\s+", "Whether you can "),
        (r"^(?:can|could|would|will) you(?: please)?\s+", "Your request to "),
        (r"^(?:is|are|does|do|did|was|were|has|have) (?:the|my|our|it|this)\s+", "The "),
        (r"^(?:is|are|does|do|did|was|were|has|have) there\s+", "Whether there is "),
        (r"^i (?:need|want|would like|'d like) (?:some )?help (?:with )?", "Help with "),
        (r"^i (?:need|want|would like|'d like) to\s+", "Your request to "),
        (r"^i (?:can't|cannot|can not|am unable to|'m unable to)\s+", "Unable to "),
        (r"^please\s+", "Your request to "),
        # "I was charged twice" -> "Charged twice": the passive's subject is the customer.
        (r"^(?:i|we) (?:was|were|have been|'ve been|got|get|keep getting)\s+", ""),
    )
)
_EN_PERSON = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "we": "you",
    "our": "your",
    "us": "you",
    "i'm": "you're",
    "i've": "you've",
}
# "I was" / "I am" agree with "you" once swapped.
_EN_AGREEMENT = (
    (re.compile(r"\b(?:i|we) was\b", re.IGNORECASE), "you were"),
    (re.compile(r"\bi am\b", re.IGNORECASE), "you are"),
)
_EN_PERSON_WORD = re.compile(r"\b(?:i'm|i've|i|me|my|mine|we|our|us)\b", re.IGNORECASE)
_JA_GENERIC_NOUNS = frozenset(
    "件 こと 事 方 もの 物 ため 為 よう 様 今 まだ 先日 昨日 今日 本日 何 御社 貴社 弊社 私 "
    "お客 様 ところ 所 ほう 場合 以下 下記 こちら そちら 後 その後 その 点".split()
)


def _opening_sentence(bodies: Sequence[str]) -> str | None:
    """The first sentence that says something (no greeting), the first message first."""
    for body in bodies:
        for text in sentence_texts(body):
            if text and not _GREETING.match(text) and len(text) > 3:
                return text
    return None


def _english(sentence: str) -> str | None:
    core = sentence.strip().rstrip(" ?.!")
    for pattern, replacement in _EN_FRAMES:
        if pattern.match(core):
            core = pattern.sub(replacement, core, count=1)
            break
    for pattern, replacement in _EN_AGREEMENT:
        core = pattern.sub(replacement, core)
    core = _EN_PERSON_WORD.sub(lambda m: _EN_PERSON[m.group(0).lower()], core)
    if len(core) > _MAX_CHARS:
        core = core[:_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:")
    return (core[:1].upper() + core[1:]) if core else None


def _japanese(sentence: str) -> str | None:
    """The sentence's noun groups joined with の, then について (at most three groups)."""
    groups: list[str] = []
    current = ""
    previous_number = False
    for m in morphemes(sentence):
        number = m.pos[1] == "数詞" or m.surface.isdigit()
        # 1か月, 2件: the counter after a number is a quantity, not a matter.
        counter = previous_number and (m.pos[2] == "助数詞可能" or m.pos[0] == "接尾辞")
        previous_number = number
        noun = m.pos[0] in ("名詞", "接頭辞", "接尾辞") and not (number or counter)
        if noun and m.surface not in _JA_GENERIC_NOUNS:
            current += m.surface
            continue
        groups.append(current.lstrip("ごお御"))
        current = ""
    groups.append(current)
    numbers = references(sentence)
    # "注文番号", "チケット番号": the number's label; the caller adds the number itself.
    groups = [
        g
        for g in dict.fromkeys(groups)
        if g and not g.endswith("番号") and not any(g in n for n in numbers)
    ][:3]
    return "の".join(groups) + "について" if groups else None


def matter_subject(bodies: Sequence[str], language: str) -> str | None:
    """A subject naming the thread's matter, from its opening sentence; ``None`` if none.

    The thread's order/ticket numbers are not added here (the caller appends the one it
    names); numbers inside the restated English sentence stay as written.
    """
    sentence = _opening_sentence(bodies)
    if sentence is None:
        return None
    return _japanese(sentence) if language == "ja" else _english(sentence)
