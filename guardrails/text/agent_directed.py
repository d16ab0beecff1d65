"""Sentences written as instructions to an agent, which must never be copied into a reply.

Knowledge bases written for agents mix facts ("Members get 10% off every order") with
procedure ("Ask the customer for their membership level and enter it into ..."). A reply is
addressed to the customer as "you"; a procedure is recognised by its structure, not by its
words:

- English: a directive (imperative mood, or an obligation modal such as "should"/"must")
  whose object is the customer in the third person ("the customer", "the caller's"), or any
  sentence whose subject is the agents themselves ("Agents should ...", "Tier 2 can ...").
  The imperative is ``guardrails.text.imperative``'s reading of a command. An imperative
  verb of telling or asking whose addressee is a third person ("Tell them the credit
  expires", "Ask for their membership level") speaks to whoever talks to that person, unless
  the sentence speaks to "you" or passes on a request ("Ask them to accept the invitation":
  what a customer asks of teammates). An imperative handing the case to a support tier
  ("escalate it to Tier 2") is a step of the support desk; "Upgrade to Tier 3" is not.
- Japanese: a request or rule whose recipient or source is the customer in the third person
  (お客様に / お客様へ / お客様から + 〜してください / 〜すること), a request whose subject is
  the agents (「オペレーターは…してください」; not when the agents are the subject of a side
  clause: 「担当者が不在の場合は、…ください」), or a sentence ending in the written-rule form
  〜こと / 〜ものとする, which public help text addressed to a customer does not use (it asks
  with ご〜ください / お〜ください).
- Both: a sentence under a label marking internal use ("Internal note: ...", "Staff only:
  ...", 「※社内用：…」), or under a label naming a role when a directive follows ("Agents:
  waive the fee", "Tier 2 - check the logs"; "Agent: the person who answers your chat" is a
  definition), the way knowledge bases mark text not for customers.
"""

from __future__ import annotations

import re

from guardrails.text.imperative import is_command, main_clause
from guardrails.text.word_class import is_only_noun

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
# A label marking text for internal use, before a colon or a dash ("Internal note - ...",
# "Staff only: ...", "Agent tip: ...", 「※社内用：」「オペレーター向け：」): what follows is not for
# customers, whatever it says.
_INTERNAL_LABEL = re.compile(
    r"^\W*(?:internal(?:\s+(?:note|notes|only|use|tip|tips))?|"
    r"(?:agents?|staff)\s+(?:note|notes|only|use|tip|tips)|"
    r"notes?\s+(?:for|to)\s+(?:agents?|staff|support))\s*(?::|\s[-–—]\s)|"
    r"^\W*(?:(?:社内|内部)(?:用|向け|メモ|限定)?|(?:オペレーター|担当者|スタッフ)(?:用|向け|メモ|限定))"
    r"\s*[：:]",
    re.IGNORECASE,
)
# A label naming a role ("Agents: ...", "Tier 2 - ...", 「担当者：」) introduces text for that
# role only when a directive follows ("Agents: waive the fee once"); a noun phrase after it is a
# definition or a price line ("Agent: the person who answers your chat", "Tier 2: 100 GB for
# $10 a month", 「担当者：カスタマーサポート部」).
_ROLE_LABEL = re.compile(
    r"^\W*(?:agents?|staff|tier\s*\d+|team\s+leads?|supervisors?)\s*(?::|\s[-–—]\s)\s*|"
    r"^\W*(?:オペレーター|担当者|スタッフ)\s*[：:]\s*",
    re.IGNORECASE,
)
# An imperative verb of telling or asking with a third person as addressee: "Tell them the
# credit expires", "Ask for their membership level", "Let him know". A reply to the customer
# speaks to "you"; whoever is told to talk to "them" is the agent. Not so when the sentence
# speaks to "you" ("If you share an account, ask them to sign out"), nor for a request passed on
# ("Tell them to check their spam folder", "Ask them to accept the invitation"): that is what a
# customer asks of teammates or guests, and a customer KB says it.
_EN_TELL_THIRD = re.compile(
    r"^(?:tell|ask|remind|inform|advise|notify|reassure|let|offer|explain\s+to)\s+"
    r"(?:for\s+)?(?:them|him|her|their|his)\b(?!\s+to\s+[a-z])",
    re.IGNORECASE,
)
_EN_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
# A support tier named by a step only the support desk takes ("escalate it to Tier 2",
# "transfer the call to Tier 1"); any other command naming a tier ("Upgrade to Tier 3",
# "Contact Tier 2 support") is addressed to a customer.
_EN_TIER = re.compile(r"\btier[\s-]*\d\b", re.IGNORECASE)
_EN_DESK_VERB = frozenset(
    "escalate transfer route reroute assign reassign forward refer hand pass".split()
)
_EN_OBLIGATION = re.compile(
    r"\b(?:should|must|ought\s+to|needs?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+(?:required|expected)\s+to)\b",
    re.IGNORECASE,
)
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
# A side clause between that subject and the request: the agent is then the subject of the side
# clause, and the request is the customer's (「担当者が不在の場合は、…残してください」「スタッフが
# 伺うまで、…お待ちください」「スタッフは全員…着用していますので、ご安心ください」).
_JA_SIDE_CLAUSE = re.compile(
    r"場合|まで|際[にはも]|ので|ため|たら|れば|なら|(?:と|が|から|けど|けれど|のに|時|とき)[、,]"
)
_JA_RULE_END = re.compile(r"(?:こと|ものとする)[。．.!！]*$")


def _names_customer(sentence: str) -> bool:
    for match in _EN_CUSTOMER.finditer(sentence):
        following = match.group("next")
        possessive = match.group(0).endswith(("'s", "’s"))
        # "the user interface": the noun is a modifier, not the customer ("the caller's" is).
        if possessive or following is None or not is_only_noun(following):
            return True
    return False


def _role_directive(sentence: str, language: str) -> bool:
    """Whether a role label ("Agents:", 「担当者：」) introduces a directive for that role."""
    label = _ROLE_LABEL.match(sentence)
    if label is None:
        return False
    rest = sentence[label.end() :]
    if language == "ja":
        return bool(_JA_DIRECTIVE.search(rest))
    return is_command(rest, language)


def _tells_third(sentence: str) -> bool:
    """Whether an imperative tells or asks a third person something (``_EN_TELL_THIRD``)."""
    if _EN_SECOND_PERSON.search(sentence):
        return False
    return bool(_EN_TELL_THIRD.match(main_clause(sentence)))


def _desk_step(sentence: str) -> bool:
    """Whether an imperative hands the case to a support tier ("Escalate it to Tier 2")."""
    if not _EN_TIER.search(sentence):
        return False
    first = _EN_WORD.match(main_clause(sentence))
    return first is not None and first.group(0).lower() in _EN_DESK_VERB


def english_agent_directed(sentence: str) -> bool:
    """Whether an English sentence is an instruction to an agent (see module doc)."""
    text = sentence.strip()
    if _EN_AGENT_SUBJECT.search(text) or _INTERNAL_LABEL.search(text):
        return True
    if _role_directive(text, "en") or _tells_third(text) or _desk_step(text):
        return True
    if not _names_customer(sentence):
        return False
    return bool(_EN_OBLIGATION.search(sentence)) or is_command(sentence, "en")


def japanese_agent_directed(sentence: str) -> bool:
    """Whether a Japanese sentence is an instruction to an agent (see module doc)."""
    text = sentence.strip()
    if _JA_RULE_END.search(text) or _INTERNAL_LABEL.search(text) or _role_directive(text, "ja"):
        return True
    subject = _JA_AGENT_SUBJECT.search(text)
    if (
        subject is not None
        and _JA_DIRECTIVE.search(text)
        and not _JA_SIDE_CLAUSE.search(text, subject.end())
    ):
        return True
    return bool(_JA_CUSTOMER.search(text) and _JA_DIRECTIVE.search(text))


def agent_directed(sentence: str, language: str) -> bool:
    """Whether ``sentence`` is written to an agent rather than to the customer."""
    if language == "ja":
        return japanese_agent_directed(sentence)
    return english_agent_directed(sentence)
