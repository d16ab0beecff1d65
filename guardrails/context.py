"""What a guardrail may know about a draft besides its text.

Plain frozen dataclasses so guardrails stay independent of the service's request models;
the pipeline builds one context per request (``service.pipeline.context``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """One normalised thread message (quotes and signatures already stripped)."""

    role: str  # "customer" | "agent"
    body: str
    author_name: str | None = None
    author_email: str | None = None
    signature: str | None = None  # the stripped signature block, kept for name/PII context
    quoted: str | None = None  # quoted lines/history cut from the body, kept for injection checks


@dataclass(frozen=True)
class Article:
    """A knowledge-base article the draft may rely on."""

    id: str
    title: str
    body: str
    url: str | None = None
    last_reviewed: dt.date | None = None
    audience: str = "public"  # "internal": written for agents, never quoted to the customer


@dataclass(frozen=True)
class Person:
    """The customer (or agent) as the request describes them."""

    name: str | None = None
    email: str | None = None
    company: str | None = None
    username: str | None = None
    title: str | None = None  # the agent's job title ("Customer Support"), for the sign-off


@dataclass(frozen=True)
class VoiceRules:
    """The parts of the brand's voice guide that guardrails enforce."""

    brand: str | None = None
    banned_phrases: tuple[str, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    published_contacts: tuple[str, ...] = ()  # the company's own emails/phones/urls: not PII


@dataclass(frozen=True)
class GuardrailSettings:
    """Operator settings guardrails read (from ``service.settings.Settings``)."""

    stale_article_days: int = 180
    link_allow_list: tuple[str, ...] = ()  # host names (suffix match) a draft may link to
    today: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())


@dataclass(frozen=True)
class GuardrailContext:
    """Everything about the request a guardrail may consult, besides the draft itself."""

    messages: tuple[Message, ...]
    customer_language: str  # ISO 639-1 of the latest customer message
    draft_language: str  # ISO 639-1 of the draft
    customer: Person = field(default_factory=Person)
    agent: Person = field(default_factory=Person)
    voice: VoiceRules = field(default_factory=VoiceRules)
    articles: tuple[Article, ...] = ()
    attachments: tuple[str, ...] = ()
    subject: str | None = None
    channel: str = "email"  # "email" | "chat" | "social": what the reply's form must fit
    settings: GuardrailSettings = field(default_factory=GuardrailSettings)

    @property
    def customer_messages(self) -> tuple[Message, ...]:
        """The customer's messages, oldest first."""
        return tuple(m for m in self.messages if m.role == "customer")

    @property
    def latest_customer_turn(self) -> tuple[Message, ...]:
        """The customer messages after the last agent message (the turn to answer)."""
        turns = customer_turns(self.messages)
        return turns[-1] if turns else ()


def customer_turns(messages: Sequence[Message]) -> list[tuple[Message, ...]]:
    """The thread's runs of messages by one side, oldest first, up to the latest customer turn.

    Agent messages after the latest customer turn answer nothing of it yet and are left out;
    the last run is the latest customer turn (none when the customer has not written).
    """
    runs: list[list[Message]] = []
    for message in messages:
        customer = message.role == "customer"
        if runs and (runs[-1][0].role == "customer") == customer:
            runs[-1].append(message)
        else:
            runs.append([message])
    while runs and runs[-1][0].role != "customer":
        runs.pop()
    return [tuple(run) for run in runs]
