"""``escalation`` (verify): the thread needs someone beyond the first-line agent.

Raised from the customer's latest turn whatever the draft says: a request for a manager or
supervisor, a threat of legal action, a chargeback, a regulator or a public review, a
cancellation (or the threat of one), or the third turn about the same matter. The turn is read
by ``escalation_en`` (lemmas) or ``escalation_ja`` (Sudachi morphemes) against small entity
lexicons; the third contact is also read from the thread's structure (customer turns sharing
the matter). The finding's
``evidence`` is the handoff summary for the next team (the ask, what was tried, mood, order
numbers), with every personal value the PII engine finds (the request's known names included)
replaced by its type; the pipeline copies it to the report's ``handoff``, and stores it so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext, Message
from guardrails.language import normalise_width
from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import PiiEntity
from guardrails.pii.ownership import Ownership
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


@dataclass(frozen=True)
class _Quote:
    """A part of the summary cut from a whole text of the request (a message, an ask)."""

    source: str
    start: int
    end: int

    @classmethod
    def whole(cls, text: str) -> _Quote:
        return cls(text, 0, len(text))

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]


@dataclass(frozen=True)
class _Handoff:
    """What the summary says, before it is written out (and masked)."""

    found: list[str]
    asks: list[_Quote]
    replies: int
    last_step: _Quote | None
    mood: str
    orders: list[str]


def _last_agent_step(ctx: GuardrailContext) -> _Quote | None:
    """The first sentence of the last agent reply that is not a greeting or a thank-you."""
    replies = [m.body for m in ctx.messages if m.role == "agent"]
    if not replies:
        return None
    sentences = split_sentences(replies[-1])
    useful = [s for s in sentences[1:] if not re.match(r"(?i)(thanks|thank you|hi|hello)", s.text)]
    if not (useful or sentences):
        return None
    chosen = (useful or sentences)[0]
    return _Quote(replies[-1], chosen.start, chosen.end)


def _handoff(ctx: GuardrailContext, found: list[str]) -> _Handoff:
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    asks = [_Quote.whole(q.text) for q in extract_questions(ctx)][:2]
    if not asks:
        asks = [_Quote(latest, s.start, s.end) for s in split_sentences(latest)][:2]
    return _Handoff(
        found=found,
        asks=asks,
        replies=sum(1 for m in ctx.messages if m.role == "agent"),
        last_step=_last_agent_step(ctx),
        mood="upset" if seems_upset(latest, ctx.customer_language) else "calm",
        orders=thread_references(ctx.subject, [m.body for m in ctx.messages]),
    )


def _written(
    handoff: _Handoff,
    quote: Callable[[_Quote], str] = lambda q: q.text,
    order: Callable[[str], str] = lambda o: o,
) -> str:
    """The summary's text, each quote and order number as ``quote`` and ``order`` give it."""
    replies = handoff.replies
    last_step = _snippet(quote(handoff.last_step)) if handoff.last_step else None
    tried = f"{replies} earlier repl{'y' if replies == 1 else 'ies'}" if replies else "nothing yet"
    if last_step:
        tried += f"; last: {last_step}"
    parts = [
        "Escalation: " + ", ".join(_TRIGGERS[key] for key in handoff.found) + ".",
        "Ask: " + " / ".join(_snippet(quote(a)) for a in handoff.asks) + ".",
        f"Tried: {tried}.",
        f"Mood: {handoff.mood}.",
        _orders_line([order(o) for o in handoff.orders]),
    ]
    return " ".join(parts)


def _orders_line(orders: list[str]) -> str:
    """The summary's last part: the order numbers the thread names."""
    return "Orders: " + (", ".join(f"#{o}" for o in orders) or "none named") + "."


def handoff_summary(ctx: GuardrailContext, found: list[str]) -> str:
    """A short summary for the next team: why, the ask, what was tried, mood, order numbers."""
    return _written(_handoff(ctx, found))


def _typed(text: str, entities: Iterable[PiiEntity], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every entity overlapping it replaced by its type."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for ent in sorted(entities, key=lambda e: e.start):
        if ent.end <= cursor or ent.start >= end:
            continue
        out += [text[cursor : max(cursor, ent.start)], f"<{ent.type}>"]
        cursor = min(ent.end, end)
    out.append(text[cursor:end])
    return "".join(out)


def _standing_alone(number: str, text: str) -> list[PiiEntity]:
    """Where ``number`` stands alone in ``text``: no letter or digit before, no digit after.

    The one rule for whether a text names an order number, and where.
    """
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(number)}(?![0-9])", re.IGNORECASE)
    # Order numbers are read with their digits half-width; the offsets are kept (see there).
    return [
        PiiEntity("", m.start(), m.end(), 0.0, "") for m in pattern.finditer(normalise_width(text))
    ]


class _Findings:
    """The findings of the texts the summary quotes, as this request's masking left them."""

    def __init__(self, engine: PiiEngine, language: str, names: tuple[str, ...]) -> None:
        self.engine, self.language, self.names = engine, language, names
        self.seen: dict[str, list[PiiEntity]] = {}
        self.orders: dict[str, str] = {}

    def recall(self, text: str) -> bool:
        """Whether ``text`` was analysed in this run with these names (and keep its findings)."""
        if text not in self.seen:
            found = self.engine.analysed(text, self.language, known_names=self.names)
            if found is None:
                return False
            self.seen[text] = found
        return True

    def named(self, number: str) -> bool:
        """Whether ``number`` stands alone in a text recalled (so its findings can judge it)."""
        return any(_standing_alone(number, text) for text in self.seen)

    def quote(self, quote: _Quote) -> str:
        """The quoted text, each value a finding of its whole text covers replaced by type."""
        return _typed(quote.source, self.seen[quote.source], quote.start, quote.end)

    def read_orders(self, numbers: list[str]) -> None:
        """Type each order number the engine flags in the Orders line analysed alone.

        The line is short: analysing it is cheap, and it judges a number as the whole summary's
        analysis did (a Japanese "Orders: #09087654321." is a phone number), whatever the
        context it stands in within the messages.
        """
        if not numbers:
            return
        line = _orders_line(numbers)
        found = self.engine.analyze(line, self.language, known_names=self.names)
        for number in numbers:
            if typed := _type_over(line, number, found):
                self.orders[number] = typed

    def order(self, number: str) -> str:
        """``number``'s type where the Orders line's findings or a quoted text's cover it."""
        if number in self.orders:
            return self.orders[number]
        for text, entities in self.seen.items():
            if typed := _type_over(text, number, entities):
                return typed
        return number


def _type_over(text: str, number: str, entities: list[PiiEntity]) -> str | None:
    """``<TYPE>`` of the first entity covering ``number`` where it stands alone in ``text``."""
    for hit in _standing_alone(number, text):
        for ent in entities:
            if ent.overlaps(hit):
                return f"<{ent.type}>"
    return None


class Escalation(GuardrailBase):
    """``escalation``: hand the thread on; ``evidence`` is the masked handoff summary."""

    code: ClassVar[FlagCode] = "escalation"
    severity: ClassVar[Severity] = "verify"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def _masked(self, handoff: _Handoff, ctx: GuardrailContext) -> str:
        """The summary with every personal value replaced by its type.

        The values are those the PII engine finds with the request's known names. When this
        request masked the texts the summary quotes (the asks, the latest turn, the messages
        the order numbers come from: a remote model's prompt) their findings are reused: the
        engine need not read the summary, which costs a Japanese thread ~5 ms; it reads only
        the short Orders line, as the whole summary's analysis would have judged it. Otherwise
        the summary is analysed as a whole.
        """
        language = ctx.customer_language
        names = Ownership.from_context(ctx).names
        findings = _Findings(self.engine, language, names)
        quoted = [q.source for q in [*handoff.asks, handoff.last_step] if q is not None]
        bodies = [m.body for m in ctx.messages]
        # An order number read from the subject alone has no analysed text to be checked in.
        if all(findings.recall(text) for text in [*quoted, *bodies]) and all(
            findings.named(number) for number in handoff.orders
        ):
            findings.read_orders(handoff.orders)
            return _written(handoff, findings.quote, findings.order)
        text = _written(handoff)
        return _typed(text, self.engine.analyze(text, language, known_names=names))

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """One finding when the thread calls for escalation, carrying the handoff summary."""
        found = triggers(ctx)
        if not found:
            return []
        reasons = "; ".join(_TRIGGERS[key] for key in found)
        summary = self._masked(_handoff(ctx, found), ctx)
        return [
            self.finding(
                message=f"Escalate this thread: the customer {reasons}.",
                evidence=summary,
            )
        ]
