"""``DraftRequest``: what a helpdesk sends to get a draft (or a check of a draft)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from service.models.storable import StorableModel

ShortText = Annotated[str, StringConstraints(max_length=500)]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")]
Body = Annotated[str, StringConstraints(max_length=50_000)]


class _Strict(StorableModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Message(_Strict):
    """One message of the thread, oldest first."""

    role: Literal["customer", "agent"]
    author_name: ShortText | None = None
    author_email: ShortText | None = None
    body: Body = Field(description="Plain text or HTML; quoted history is stripped.")
    sent_at: dt.datetime | None = None


class Thread(_Strict):
    """The customer conversation to reply to."""

    subject: ShortText | None = None
    channel: Literal["email", "chat", "social"] = "email"
    messages: list[Message] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _has_customer_text(self) -> Thread:
        if not any(m.role == "customer" and m.body.strip() for m in self.messages):
            raise ValueError("thread needs at least one customer message with a non-empty body")
        return self


class Customer(_Strict):
    """Who the reply is for; every field optional."""

    name: ShortText | None = None
    email: ShortText | None = None
    company: ShortText | None = None
    username: ShortText | None = None
    locale: Annotated[str, StringConstraints(max_length=35)] | None = None


class Agent(_Strict):
    """Who signs the reply."""

    name: ShortText | None = None
    title: ShortText | None = None


class Voice(_Strict):
    """The brand's voice guide."""

    brand: ShortText | None = None
    guide: Annotated[str, StringConstraints(max_length=20_000)] = ""
    greeting: ShortText | None = None
    sign_off: ShortText | None = None
    banned_phrases: list[ShortText] = Field(default_factory=list, max_length=500)
    glossary: dict[ShortText, ShortText] = Field(default_factory=dict, max_length=500)


class KnowledgeArticle(_Strict):
    """One help-center article the draft may be grounded on."""

    id: Id
    title: ShortText
    url: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    body: Body
    last_reviewed: dt.date | None = None
    audience: Literal["public", "internal"] = Field(
        default="public",
        description=(
            "public: may be quoted to the customer; internal: written for agents, used for "
            "grounding and shown to the agent as a citation, never quoted to the customer."
        ),
    )


class SavedReply(_Strict):
    """A team's canned answer (macro, saved reply), the starting point of a draft.

    ``id`` is the stored one: ``SET:KEY`` (``replies import FILE --id SET``; KEY is the
    reply's own id in the file). Its text may hold the helpdesk's template placeholders
    (``{{ticket.requester.first_name}}``); the drafter fills or removes them.
    """

    id: Id
    title: ShortText
    body: Body


class Attachment(_Strict):
    """A file the agent will attach to the reply."""

    filename: ShortText


class DraftRequest(_Strict):
    """The contract's request, for ``POST /v1/drafts``, ``/v1/checks`` and the CLI."""

    thread: Thread
    customer: Customer = Field(default_factory=Customer)
    agent: Agent = Field(default_factory=Agent)
    voice: Voice | None = None
    voice_id: Id | None = None
    knowledge_base: list[KnowledgeArticle] | None = Field(default=None, max_length=500)
    knowledge_base_id: Id | None = None
    saved_reply_id: Id | None = Field(
        default=None,
        description="A stored saved reply to start from (`replydraft replies import`); "
        "absent: the drafter may pick the tenant's saved reply that fits the asks.",
    )
    attachments: list[Attachment] = Field(default_factory=list, max_length=50)
    model: Annotated[str, StringConstraints(max_length=200)] | None = None
    draft: Annotated[str, StringConstraints(max_length=50_000)] | None = None

    @model_validator(mode="after")
    def _one_source_each(self) -> DraftRequest:
        if self.voice is not None and self.voice_id is not None:
            raise ValueError("give either voice or voice_id, not both")
        if self.knowledge_base is not None and self.knowledge_base_id is not None:
            raise ValueError("give either knowledge_base or knowledge_base_id, not both")
        return self
