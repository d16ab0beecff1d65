"""Sentences written as instructions to an agent, which must never be copied into a reply.

Knowledge bases written for agents mix facts ("Members get 10% off every order") with
procedure ("Ask the customer for their membership level and enter it into ..."). A reply is
addressed to the customer as "you"; a procedure is recognised by its structure, not by its
words:

- English: a directive (imperative mood, or an obligation modal such as "should"/"must")
  whose object is the customer in the third person ("the customer", "the caller's"), or any
  sentence whose subject is the agents themselves ("Agents should ...", "Tier 2 can ...").
  The imperative is read with the lemminflect lexicon: the sentence's main clause opens with a
  verb in its base form. An imperative verb of telling or asking whose addressee is a third
  person ("Tell them ...", "Ask for their membership level") speaks to whoever talks to that
  person; an imperative naming a support tier ("escalate it to Tier 2") is a step of the
  support desk.
- Japanese: a request or rule whose recipient or source is the customer in the third person
  (お客様に / お客様へ / お客様から + 〜してください / 〜すること), a request whose subject is
  the agents (「オペレーターは…してください」), or a sentence ending in the written-rule form
  〜こと / 〜ものとする, which public help text addressed to a customer does not use (it asks
  with ご〜ください / お〜ください).
- Both: a sentence under a label naming agents or internal use ("Agents: ...", "Internal
  note: ...", 「※社内用：…」), the way knowledge bases mark text not for customers.
"""

from __future__ import annotations

import re

from guardrails.text.negation import EN_DO_NOT
from guardrails.text.word_class import is_base_verb, is_only_noun

# The customer in the third person: a determiner or possessive with a noun naming the person
# served. Second-person text ("you", "your account") never matches.
_EN_CUSTOMER = re.compile(
    r"\b(?:(?:the|a|an|this|that|each|every|any)\s+"
    r"(?:customer|client|caller|user|member|cardholder|account\s+holder|buyer|purchaser|"
    r"requester|guest|shopper|subscriber)s?(?:['’]s)?(?=\s+(?P<next>[a-z]+)|\W|$)|"
    r"(?:customer|client|caller|cardholder|requester)['’]s)",
    re.IGNORECASE,
)
# The agents as the sentence's subject ("Agents should", "Tier 2 can", "Team leads must").
_EN_AGENT_SUBJECT = re.compile(
    r"^(?:all\s+|only\s+)?(?:agents?|staff|representatives?|reps?|team\s+leads?|supervisors?|"
    r"tier\s*\d+(?:\s+agents?)?|support\s+agents?)\s+"
    r"(?:should|must|need|needs|have|has|are|is|can|may|will\s+need|ought)\b",
    re.IGNORECASE,
)
# A label for agents or internal use before a colon or a dash ("Agents: verify ...", "Internal
# note - ...", "Tier 2: ..."), in either language (「※社内用：」「オペレーター向け：」).
_AGENT_LABEL = re.compile(
    r"^\W*(?:(?:internal|agent|agents|staff)(?:\s+(?:note|notes|only|use|tip|tips))?|"
    r"notes?\s+(?:for|to)\s+(?:agents?|staff|support)|tier\s*\d+|team\s+leads?)\s*(?::|\s[-–—]\s)|"
    r"^\W*(?:社内|内部|オペレーター|担当者|スタッフ)(?:用|向け|メモ|限定)?\s*[：:]",
    re.IGNORECASE,
)
# An imperative verb of telling or asking with a third person as addressee: "Tell them the
# credit expires", "Ask for their membership level", "Let him know". A reply to the customer
# speaks to "you"; whoever is told to talk to "them" is the agent.
_EN_TELL_THIRD = re.compile(
    r"^(?:tell|ask|remind|inform|advise|notify|reassure|let|offer|explain\s+to)\s+"
    r"(?:for\s+)?(?:them|him|her|their|his)\b",
    re.IGNORECASE,
)
# A support tier, named by a step only the support desk takes ("escalate it to Tier 2").
_EN_TIER = re.compile(r"\btier[\s-]*\d\b", re.IGNORECASE)
_EN_OBLIGATION = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+(?:required|expected)\s+to)\b",
    re.IGNORECASE,
)
# Leading words that keep a sentence imperative: "Please ask", "Always check", "Then enter".
_EN_LEAD = re.compile(
    rf"^(?:(?:please|always|first|then|next|also|finally|{EN_DO_NOT})\b[,]?\s+)+",
    re.IGNORECASE,
)
# A leading adverbial clause ("If the customer asks, ...", "Before deleting, ...").
_EN_CLAUSE = re.compile(r"^(?:if|when|whenever|before|after|once|where|unless)\b[^,]*,\s*", re.I)
_EN_WORD = re.compile(r"[A-Za-z]+")

_JA_CUSTOMER = re.compile(
    r"(?:お客様|お客さま|顧客|利用者|ご利用者様|会員様|ご依頼者|申請者|ご本人)(?:に|へ|から|より)"
)
_JA_DIRECTIVE = re.compile(
    r"(?:ください|下さい|こと|ましょう|すること|しないこと|ものとする|ものとします)[。．.!！]*$"
)
# The agents as the subject of a Japanese request: 「オペレーターは…確認してください」. A sentence
# telling what an agent will do for the customer (「担当者からご連絡いたします」) is no request.
_JA_AGENT_SUBJECT = re.compile(
    r"^\W*(?:オペレーター|担当者|担当スタッフ|スタッフ|サポート担当者?|対応者|窓口担当者?)(?:は|が)"
)
_JA_RULE_END = re.compile(r"(?:こと|ものとする)[。．.!！]*$")


def _main_clause(sentence: str) -> str:
    """The sentence from its main clause's first word ("If ..., please ask" -> "ask ...")."""
    return _EN_LEAD.sub("", _EN_CLAUSE.sub("", sentence.strip()))


def _is_imperative(sentence: str) -> bool:
    """Whether the sentence's main clause opens with a base-form verb ("Ask the customer")."""
    first = _EN_WORD.match(_main_clause(sentence))
    return first is not None and is_base_verb(first.group(0))


def _names_customer(sentence: str) -> bool:
    for match in _EN_CUSTOMER.finditer(sentence):
        following = match.group("next")
        possessive = match.group(0).endswith(("'s", "’s"))
        # "the user interface": the noun is a modifier, not the customer ("the caller's" is).
        if possessive or following is None or not is_only_noun(following):
            return True
    return False


def english_agent_directed(sentence: str) -> bool:
    """Whether an English sentence is an instruction to an agent (see module doc)."""
    if _EN_AGENT_SUBJECT.search(sentence.strip()) or _AGENT_LABEL.search(sentence):
        return True
    if _EN_TELL_THIRD.match(_main_clause(sentence)):
        return True
    if _EN_TIER.search(sentence) and _is_imperative(sentence):
        return True
    if not _names_customer(sentence):
        return False
    return bool(_EN_OBLIGATION.search(sentence)) or _is_imperative(sentence)


def japanese_agent_directed(sentence: str) -> bool:
    """Whether a Japanese sentence is an instruction to an agent (see module doc)."""
    text = sentence.strip()
    if _JA_RULE_END.search(text) or _AGENT_LABEL.search(text):
        return True
    if _JA_AGENT_SUBJECT.search(text) and _JA_DIRECTIVE.search(text):
        return True
    return bool(_JA_CUSTOMER.search(text) and _JA_DIRECTIVE.search(text))


def agent_directed(sentence: str, language: str) -> bool:
    """Whether ``sentence`` is written to an agent rather than to the customer."""
    if language == "ja":
        return japanese_agent_directed(sentence)
    return english_agent_directed(sentence)
