"""The offline drafter's start from a saved reply: its placeholders filled, its parts apart.

A team's saved reply is written for everyone; the articles behind the product say to adapt it
to the person. Here the helpdesk's template placeholders (``{{ticket.requester.first_name}}``,
``{%customer.firstName%}``, ``[NAME]``, ``{name}``, ``○○様``: whatever
``guardrails.verify.placeholder_left`` recognises, the one source of what a placeholder is)
are filled with what the request knows: the customer's name, the agent's name, the brand.
Anything else (``{{ticket.id}}``, ``[DATE]``, ``TODO``) is removed with the space and the
stray ``#`` around it, and a line left with nothing but punctuation is dropped. Without a
name, Japanese ``{name}様`` becomes お客様 and an English "Hi [NAME]," becomes "Hi,".

The filled text is then read as a letter (greeting, body, sign-off and signature) so the
drafter can keep the team's wording and slot its own answers for the asks it leaves open
between the body and the sign-off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.language import JAPANESE
from guardrails.practice.letter import read_letter
from guardrails.text.greeting import address_name
from guardrails.verify.placeholder_left import placeholder_spans

# Who a field belongs to: the agent (Zendesk current_user / assignee, Help Scout {%user.%},
# generic "agent"/"your name"), the brand, or else the customer.
_AGENT = re.compile(
    r"current_user|assignee|agent|staff|your[\s_]?name|my[\s_]?name|担当者?", re.IGNORECASE
)
_BRAND = re.compile(r"\bbrand\b|company[\s_]?name|会社名|社名", re.IGNORECASE)
# The field itself: a first name, a family name, or a whole name.
_FIRST = re.compile(r"first[\s_]?name|given[\s_]?name|\bfname\b|\bfirst\b", re.IGNORECASE)
_LAST = re.compile(
    r"last[\s_]?name|family[\s_]?name|surname|\blname\b|\blast\b|姓|苗字", re.IGNORECASE
)
_NAME = re.compile(r"name|名前|氏名|顧客名|お客様名|宛名|○|〇|◯|●", re.IGNORECASE)
# Objects a customer's name hangs from; a name field on anything else (a product, an
# organisation, a ticket field) is not the customer's and is removed, not filled.
_CUSTOMER_OBJECTS = frozenset(
    {
        "ticket",
        "requester",
        "customer",
        "contact",
        "recipient",
        "client",
        "visitor",
        "user",
        "end_user",
        "person",
        "subscriber",
        "lead",
    }
)
_HONORIFIC_AFTER = re.compile(r"\A\s*(?:様|さま|さん|殿)")
# A placeholder right after the greeting word is how the customer is addressed.
_GREETING_LEAD = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))[\s,]*$", re.IGNORECASE
)
_GAP = "\u0000"  # marks where a placeholder was removed, until _tidy closes the gap
_MARKUP = re.compile(r"[{}\[\]%|*<>$!【】＜＞［］（）()｛｝]")


@dataclass(frozen=True)
class FillValues:
    """What the request knows to put into a saved reply's placeholders."""

    language: str
    customer_name: str | None
    agent_name: str | None
    brand: str | None


@dataclass(frozen=True)
class SavedReplyParts:
    """A filled saved reply read as a letter; any part may be empty."""

    greeting: str
    body: str
    sign_off: str  # the sign-off line and the signature lines under it


def _field(raw: str) -> tuple[str, str]:
    """(``owner``, ``field``) of a placeholder: owner agent | brand | customer | other."""
    inner = _MARKUP.sub(" ", raw).strip()
    helpscout_user = raw.startswith("{%") and re.match(r"\s*user\.", inner) is not None
    if helpscout_user or _AGENT.search(inner):
        return "agent", _kind(inner)
    if _BRAND.search(inner):
        return "brand", "name"
    # "ticket.requester.first_name" -> owners ticket, requester; "Contacts.First Name" -> contact.
    owners = [part.strip().lower().removesuffix("s") for part in inner.split(".")[:-1]]
    if _NAME.search(inner) and all(s in _CUSTOMER_OBJECTS for s in owners):
        return "customer", _kind(inner)
    return "other", ""


def _kind(inner: str) -> str:
    if _FIRST.search(inner):
        return "first"
    if _LAST.search(inner):
        return "last"
    return "name" if _NAME.search(inner) else ""


def _customer_value(kind: str, values: FillValues, addressed: bool) -> str | None:
    """The customer's name as the field asks for it; ``addressed``: in a greeting or before 様."""
    name = " ".join((values.customer_name or "").split())
    short = address_name(name, values.language)
    if short is None:
        return None  # no usable name (none, or an email address / user name)
    if kind == "first" or addressed:
        # The one rule for addressing: English first name, Japanese family name (before 様).
        return short
    if kind == "last":
        parts = name.split()
        return parts[0] if JAPANESE.search(name) else parts[-1]
    return name


def _value(raw: str, before: str, after: str, values: FillValues) -> str | None:
    """What replaces the placeholder ``raw``; None: remove it."""
    owner, kind = _field(raw)
    if owner == "customer":
        addressed = bool(_HONORIFIC_AFTER.match(after) or _GREETING_LEAD.search(before))
        return _customer_value(kind, values, addressed)
    if owner == "agent" and values.agent_name and kind:
        parts = values.agent_name.split()
        return (
            parts[0]
            if kind == "first" and not JAPANESE.search(values.agent_name)
            else values.agent_name
        )
    if owner == "brand":
        return values.brand
    return None


def fill_placeholders(text: str, values: FillValues) -> str:
    """``text`` with every template placeholder filled from ``values`` or removed cleanly."""
    out = text
    for start, end in sorted(placeholder_spans(text), reverse=True):
        raw, following = out[start:end], out[end:]
        line_before = out[out.rfind("\n", 0, start) + 1 : start]
        value = _value(raw, line_before, following, values)
        if value is None and values.language == "ja" and _HONORIFIC_AFTER.match(following):
            # 「{name}様」 without a name: お客様, never a bare 様.
            following = _HONORIFIC_AFTER.sub("", following, count=1)
            out = out[:start] + "お客様" + following
            continue
        out = out[:start] + (value or _GAP) + following
    return _tidy(out)


def _tidy(text: str) -> str:
    """Close the gaps removed placeholders left: spaces, a stray '#', empty punctuation lines."""
    text = re.sub(r"(?:#|No\.)\s*" + _GAP, "", text)
    text = re.sub(r"[ \t]*" + _GAP + r"[ \t]*", " ", text)
    text = re.sub(r"[ \t]+([,.!?;:、。）)])", r"\1", text)
    text = re.sub(r"([(（])[ \t]*([)）])", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"(?m)^([ \t]*)[,.:;!?、。：][ \t]*", r"\1", text)
    lines = [line.rstrip() for line in text.split("\n")]
    kept = [line for line in lines if not line.strip() or any(ch.isalnum() for ch in line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def saved_reply_parts(text: str, language: str) -> SavedReplyParts:
    """The filled saved reply split into greeting line, body and sign-off with signature."""
    letter = read_letter(text, language)
    greeting = letter.greeting.text if letter.greeting else ""
    body_start = letter.greeting.end if letter.greeting else 0
    body_end = letter.sign_off.start if letter.sign_off else len(text)
    sign_off = text[letter.sign_off.start :].strip() if letter.sign_off else ""
    return SavedReplyParts(
        greeting=greeting, body=text[body_start:body_end].strip(), sign_off=sign_off
    )


def completed_sign_off(sign_off: str, agent: str | None, team: str | None, language: str) -> str:
    """The saved reply's sign-off with the agent's name and team added where it lacks them.

    The signature check wants the agent's name and, when known, their title; a saved reply
    signed "Best regards," alone, or with a name but no title, gets the missing lines.
    """
    wanted = (team, agent) if language == "ja" else (agent, team)
    missing = [line for line in wanted if line and line not in sign_off]
    return "\n".join([sign_off, *missing])
