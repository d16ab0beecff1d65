"""``escalation`` (verify): the thread needs someone beyond the first-line agent.

Raised from the customer's latest turn whatever the draft says: a request for a manager or
supervisor, a threat of legal action, a chargeback, a regulator or a public review, a
cancellation (or the threat of one), or the third turn about the same matter. The turn is read
by ``escalation_en`` (lemmas) or ``escalation_ja`` (Sudachi morphemes) against small entity
lexicons; the third contact is also read from the thread's structure (customer turns sharing
the matter). The finding's
``evidence`` is the handoff summary for the next team (the ask, what was tried, mood, order
numbers), with every personal value the PII engine finds replaced by its type; the pipeline
copies it to the report's ``handoff``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext, Message
from guardrails.pii.engine import PiiEngine
from guardrails.practice import escalation_en, escalation_ja
from guardrails.practice.references import thread_references
from guardrails.questions import extract_questions
from guardrails.sentences import flatten, split_sentences
from guardrails.terms import content_terms

# The mood reading lives in the pipeline today; it moves to guardrails/text/mood.py.
from guardrails.text.mood import seems_upset

# Each trigger and how the handoff summary names it; the readers decide which hold.
_TRIGGERS: dict[str, str] = {
    "manager": "asks for a manager or supervisor",
    "legal": "threatens legal action",
    "chargeback": "threatens a chargeback",
    "public": "threatens a regulator or a public review",
    "cancel": "cancels or threatens to",
    "repeat": "writes again about the same matter",
}
# A turn that only thanks or confirms a fix closes the matter; it is no repeat contact.
_CLOSING = {
    "en": re.compile(
        r"\b(?:thanks|thank you|works now|fixed|sorted|resolved|that's right now|all good)\b",
        re.IGNORECASE,
    ),
    "ja": re.compile(r"ありがとう|解決しました|直りました|確認できました|助かりました"),
}
_REPEAT_TURNS = 3  # the third customer turn on one matter goes to someone new
_SNIPPET = 140


def _customer_turns(messages: tuple[Message, ...]) -> list[str]:
    """The customer's turns (messages between agent replies), oldest first."""
    turns: list[list[str]] = []
    previous = None
    for message in messages:
        if message.role == "customer":
            if previous != "customer":
                turns.append([])
            turns[-1].append(message.body)
        previous = message.role
    return ["\n".join(turn) for turn in turns]


def _matter(text: str) -> set[str]:
    """What a turn is about: its content terms and the order/ticket numbers it names."""
    return content_terms(text) | set(thread_references(None, [text]))


def _third_contact(ctx: GuardrailContext, language: str) -> bool:
    """The latest turn is at least the third on one matter, and does not just close it.

    Same matter: the latest turn shares a content term or a reference number with at least
    two earlier customer turns (one shared word with any earlier turn is not enough: a
    customer asking three different how-tos writes three times about three things).
    """
    turns = _customer_turns(ctx.messages)
    if len(turns) < _REPEAT_TURNS:
        return False
    latest = turns[-1]
    if _CLOSING[language].search(latest) and not seems_upset(latest, language):
        return False
    matter = _matter(latest)
    return sum(1 for turn in turns[:-1] if _matter(turn) & matter) >= _REPEAT_TURNS - 1


def triggers(ctx: GuardrailContext) -> list[str]:
    """The escalation triggers of the thread (keys of ``_TRIGGERS``), in that order."""
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    language = "ja" if ctx.customer_language == "ja" else "en"
    upset = seems_upset(latest, language)
    if language == "ja":
        found = escalation_ja.triggers(latest, upset)
    else:
        found = escalation_en.triggers(latest, ctx.voice.brand, upset)
    if "repeat" not in found and _third_contact(ctx, language):
        found.add("repeat")
    return [key for key in _TRIGGERS if key in found]


def _snippet(text: str) -> str:
    text = flatten(text).strip().rstrip(" .!?。！？")
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1].rstrip() + "…"


def _last_agent_step(ctx: GuardrailContext) -> str | None:
    """The first sentence of the last agent reply that is not a greeting or a thank-you."""
    replies = [m.body for m in ctx.messages if m.role == "agent"]
    if not replies:
        return None
    sentences = [s.text for s in split_sentences(replies[-1])]
    useful = [s for s in sentences[1:] if not re.match(r"(?i)(thanks|thank you|hi|hello)", s)]
    return _snippet((useful or sentences or [""])[0]) or None


def handoff_summary(ctx: GuardrailContext, found: list[str]) -> str:
    """A short summary for the next team: why, the ask, what was tried, mood, order numbers."""
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    asks = [q.text for q in extract_questions(ctx)][:2]
    if not asks:
        asks = [s.text for s in split_sentences(latest)][:2]
    replies = sum(1 for m in ctx.messages if m.role == "agent")
    last_step = _last_agent_step(ctx)
    tried = f"{replies} earlier repl{'y' if replies == 1 else 'ies'}" if replies else "nothing yet"
    if last_step:
        tried += f"; last: {last_step}"
    mood = "upset" if seems_upset(latest, ctx.customer_language) else "calm"
    orders = thread_references(ctx.subject, [m.body for m in ctx.messages])
    parts = [
        "Escalation: " + ", ".join(_TRIGGERS[key] for key in found) + ".",
        "Ask: " + " / ".join(_snippet(a) for a in asks) + ".",
        f"Tried: {tried}.",
        f"Mood: {mood}.",
        "Orders: " + (", ".join(f"#{o}" for o in orders) or "none named") + ".",
    ]
    return " ".join(parts)


class Escalation(GuardrailBase):
    """``escalation``: hand the thread on; ``evidence`` is the masked handoff summary."""

    code: ClassVar[FlagCode] = "escalation"
    severity: ClassVar[Severity] = "verify"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def _masked(self, text: str, language: str) -> str:
        entities = self.engine.analyze(text, language)
        for ent in sorted(entities, key=lambda e: e.start, reverse=True):
            text = text[: ent.start] + f"<{ent.type}>" + text[ent.end :]
        return text

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """One finding when the thread calls for escalation, carrying the handoff summary."""
        found = triggers(ctx)
        if not found:
            return []
        reasons = "; ".join(_TRIGGERS[key] for key in found)
        summary = self._masked(handoff_summary(ctx, found), ctx.customer_language)
        return [
            self.finding(
                message=f"Escalate this thread: the customer {reasons}.",
                evidence=summary,
            )
        ]
