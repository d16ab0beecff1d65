"""Restating what the customer asked about, and reading whether they are upset.

Answer blocks open with the question's topic in the brand's words ("How to download your
past invoices as PDF files"), and the second line of the reply names the specific matter
("I'm sorry about the double charge on order #48213"), per DIGEST.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from guardrails.sentences import sentence_texts
from service.backends.offline_soften import plain_negative_ja
from service.backends.offline_voice import apply_glossary

_EN_CONNECTIVE = re.compile(
    r"^(?:(?:and|also|plus|finally|lastly|first(?:ly)?|second(?:ly)?|next|oh|one more thing|"
    r"and also|besides|in addition)\b,?\s+)+",
    re.IGNORECASE,
)
_ASK = r"^(?:please\s+)?(?:(?:can|could|would|will) you(?: please)? )?"
_TELL = r"(?:tell me|let me know|explain|advise|confirm)\s+"
_WH = r"(?=(?:how|what|when|where|which|why|who)\b)"
_KNOW = r"^(?:i'?d|i would|i want to|i'?m trying to) (?:like to )?know\s+"
# (pattern, replacement): the first match wins; the rest of the question is kept as asked.
_EN_LEADS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (_ASK + _TELL + r"(?:if|whether)\s+", "Whether "),
        (_ASK + _TELL + _WH, ""),
        (_KNOW + r"(?:if|whether)\s+", "Whether "),
        (_KNOW, ""),
        (r"^(?:can|could|would|will) you(?: please)?\s+", "Your request to "),
        (r"^how (?:do|can|could|should) (?:i|we)\s+", "How to "),
        (r"^(?:is it possible|is there a way) to\s+", "Whether you can "),
        (r"^(?:can|could|may) (?:i|we)\s+", "Whether you can "),
        (r"^(?:do|does) (?:i|we) (need|have) to\s+", r"Whether you \1 to "),
        (r"^(?:do|does) you\s+", "Whether we "),
    )
)
_EN_FIRST_PERSON = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
}
_EN_PRONOUN = re.compile(r"\b(?:i'm|i've|i'd|i'll|i|me|my|mine|myself)\b", re.IGNORECASE)
# "I was" -> "you were": the verb agrees with the new subject, in statements and questions.
_EN_AGREEMENT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"\bi\s+was\b", "you were"),
        (r"\bi\s+wasn'?t\b", "you weren't"),
        (r"\bi\s+am\b", "you are"),
        (r"\bwas\s+i\b", "were you"),
        (r"\bwasn'?t\s+i\b", "weren't you"),
        (r"\bam\s+i\b", "are you"),
        (r"\bain'?t\s+i\b", "aren't you"),
    )
)

_JA_CONNECTIVE = re.compile(
    r"^(?:また|あわせて|併せて|それと|あと|さらに|最後に|なお|ちなみに|次に)[、,]?"
)
_JA_REQUEST = re.compile(
    r"(?:を|について|に関して)?(?:教えて|ご教示|ご案内|お知らせ)(?:いただけますでしょうか|"
    r"いただけますか|いただけないでしょうか|頂けますでしょうか|頂けますか|くださいませ|ください|"
    r"ほしいです|欲しいです|願えますか)$"
)
_JA_WANT = re.compile(r"(?:を|について|が)知りたい(?:です|のですが)?$")
_JA_OWN_COMPANY = re.compile(r"弊社|当社")

_SUBJECT_PREFIX = re.compile(
    r"^(?:(?:re|fwd?|fw|aw|wg|返信|転送)\s*[:：]\s*|\[[^\]]*\]\s*|"
    r"(?:urgent|important|緊急|至急)\s*[:：!！]?\s*)+",
    re.IGNORECASE,
)
_JA_SUBJECT_TAIL = re.compile(
    r"(?:についてのお問い合わせ|に関するお問い合わせ|のお問い合わせ|"
    r"について|に関して|の件|についての質問|の質問)$"
)
_EN_NOT_NOUN_PHRASE = frozenset(
    "how what why when where who which can can't cannot could would will is are do does did "
    "please need i i'm unable help hi hello not no still question".split()
)
_EN_DETERMINERS = frozenset("the a an your our this that these those".split())


@dataclass(frozen=True)
class Topic:
    """A restated question: the text, and whether it still reads as a direct question."""

    text: str
    is_question: bool


def _swap_first_person(text: str) -> str:
    def _swap(match: re.Match[str]) -> str:
        return _EN_FIRST_PERSON[match.group(0).lower()]

    def _keep_case(replacement: str) -> Callable[[re.Match[str]], str]:
        def _agree(match: re.Match[str]) -> str:
            first = match.group(0)[:1]
            return replacement[:1].upper() + replacement[1:] if first.isupper() else replacement

        return _agree

    for pattern, replacement in _EN_AGREEMENT:
        text = pattern.sub(_keep_case(replacement), text)
    return _EN_PRONOUN.sub(_swap, text)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def english_topic(question: str, glossary: Sequence[tuple[str, str]]) -> Topic:
    """Restate an English question as a topic line, in the customer's second person.

    A question that comes with its context ("I was charged twice. Can you refund it?") keeps
    the context as a statement and restates the asking sentence ("Your request to refund it").
    """
    *context, last = sentence_texts(question.strip()) or [""]
    if context:
        asked = english_topic(last, glossary)
        if not asked.is_question:
            lead = _capitalise(_swap_first_person(apply_glossary(" ".join(context), glossary)))
            return Topic(f"{lead} {asked.text}", False)
    core = _EN_CONNECTIVE.sub("", question.strip()).rstrip(" ?？.!")
    for pattern, replacement in _EN_LEADS:
        if pattern.match(core):
            rest = _swap_first_person(pattern.sub(replacement, core, count=1))
            return Topic(_capitalise(apply_glossary(rest, glossary)), False)
    restated = _capitalise(_swap_first_person(apply_glossary(core, glossary)))
    is_question = question.rstrip().endswith(("?", "？"))
    return Topic(restated + ("?" if is_question else ""), is_question)


def japanese_topic(question: str, glossary: Sequence[tuple[str, str]]) -> Topic:
    """Restate a Japanese question as "…について" (or quoted "「…」について")."""
    core = _JA_CONNECTIVE.sub("", question.strip()).rstrip("。？?！! ")
    core = _JA_OWN_COMPANY.sub("貴社", apply_glossary(core, glossary))
    for pattern in (_JA_REQUEST, _JA_WANT):
        if pattern.search(core):
            return Topic(pattern.sub("", core) + "について", False)
    return Topic(f"「{plain_negative_ja(core)}」について", False)


def restate(question: str, language: str, glossary: Sequence[tuple[str, str]]) -> Topic:
    """Restate ``question`` in the reply language, using the glossary's official terms."""
    if language == "ja":
        return japanese_topic(question, glossary)
    return english_topic(question, glossary)


def subject_topic(
    subject: str | None, language: str, glossary: Sequence[tuple[str, str]]
) -> str | None:
    """Return the thread subject as a phrase for the acknowledgement line, or ``None``.

    English: "Double charge on order #48213" -> "the double charge on order #48213". A subject
    that does not read as a noun phrase ("Can't log in") gives ``None``; the caller then
    acknowledges without a topic rather than writing something ungrammatical.
    """
    if not subject:
        return None
    cleaned = _SUBJECT_PREFIX.sub("", subject.strip()).strip(" .!?？！。")
    if not cleaned:
        return None
    cleaned = apply_glossary(cleaned, glossary)
    if language == "ja":
        core = _JA_SUBJECT_TAIL.sub("", cleaned)
        return f"「{core}」" if core else None
    first = cleaned.split()[0].lower()
    if first in _EN_NOT_NOUN_PHRASE:
        return None
    keep_case = cleaned[1:2].isupper() or cleaned.split()[0].isupper()
    phrase = _swap_first_person(cleaned if keep_case else cleaned[:1].lower() + cleaned[1:])
    # "Renaming my site" and "My invoice" need no article; "Double charge on ..." does.
    needs_article = not (first.endswith("ing") or first == "my" or first in _EN_DETERMINERS)
    return f"the {phrase}" if needs_article else phrase
