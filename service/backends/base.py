"""The one interface every model backend implements, and what flows through it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ChatMessage:
    """One chat message sent to a model."""

    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Passage:
    """A retrieved KB article (possibly masked), as the drafter sees it."""

    article_id: str
    title: str
    body: str
    url: str | None
    last_reviewed: dt.date | None
    score: float
    audience: str = "public"  # "internal": grounding for the agent, never quoted to the customer


@dataclass(frozen=True)
class SavedReplyStart:
    """The team's saved reply the draft starts from (its text masked for a remote model)."""

    reply_id: str
    title: str
    body: str  # may hold the helpdesk's template placeholders ({{ticket.requester.name}})
    uncovered: tuple[int, ...] = ()  # indices into ``DraftInputs.questions`` it does not answer


@dataclass(frozen=True)
class DraftInputs:
    """The structured facts behind a prompt; the offline drafter composes from these.

    Text fields are already masked when the request goes to a remote backend.
    """

    language: str  # "en" | "ja"
    customer_name: str | None
    agent_name: str | None
    agent_title: str | None
    brand: str | None
    subject: str | None
    latest_customer_text: str
    questions: tuple[str, ...]
    passages: tuple[Passage, ...]
    greeting: str | None = None  # voice override, e.g. "Hello {name},"
    sign_off: str | None = None
    glossary: tuple[tuple[str, str], ...] = ()
    attachments: tuple[str, ...] = ()
    channel: str = "email"
    greeting_name: str | None = None  # how to address them: English first / Japanese family name
    upset: bool = True  # the latest message reports a problem or sounds upset (DIGEST: if unsure)
    saved_reply: SavedReplyStart | None = None  # adapt this instead of writing from scratch
    # The customer's earlier messages, oldest first: what a terse "what now?" is about.
    earlier_customer_text: str = ""


@dataclass(frozen=True)
class ModelRequest:
    """What a backend receives: the rendered chat messages and the facts behind them."""

    messages: tuple[ChatMessage, ...]
    inputs: DraftInputs
    model: str | None = None  # litellm name; None = backend default


@dataclass(frozen=True)
class Completion:
    """A backend's answer."""

    text: str
    model: str  # the model that actually answered
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    attempts: int = 1
    fallback_reason: str | None = field(default=None)  # set when a fallback model answered
    finish_reason: str | None = None  # the provider's: "stop", "length" (cut off), ...
    first_token_ms: float | None = None  # time to the first streamed token (remote drafts)


class ModelBackend(Protocol):
    """An async drafter: litellm (any provider) or offline."""

    name: str
    local: bool  # True when nothing leaves the process (no masking needed)

    async def complete(self, request: ModelRequest) -> Completion:
        """Return the draft text for ``request``; raise ``LLMUnavailableError`` on failure."""
        ...


class TextSink(Protocol):
    """Where a draft's text goes while it is generated (e.g. a server-sent-events stream)."""

    def write(self, piece: str) -> None:
        """Take the next piece of text."""
        ...

    def restart(self) -> None:
        """Forget the text written so far: a retry or a fallback writes a new draft."""
        ...
