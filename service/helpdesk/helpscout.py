"""Help Scout: a conversation from ``GET /v2/conversations/{id}?embed=threads``.

Shapes from the Mailbox API 2.0 (developer.helpscout.com/mailbox-api/endpoints/conversations/
get/ and .../threads/list/): threads come newest first under ``_embedded.threads``; ``type``
``customer`` is the customer, ``reply``/``message`` an agent, ``note`` an internal note (never
customer text); ``chat`` and ``phone`` threads take their side from ``createdBy.type``.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from service.helpdesk.channels import channel_for
from service.helpdesk.turns import (
    Role,
    Ticket,
    Turn,
    VendorModel,
    full_name,
    parse_payload,
    to_request,
)
from service.models import DraftRequest

VENDOR = "helpscout"
_AGENT_TYPES = frozenset({"reply", "message"})
_EITHER_SIDE = frozenset({"chat", "phone"})


class HelpScoutPerson(VendorModel):
    """A customer or user as the API embeds it."""

    id: int | None = None
    first: str | None = None
    last: str | None = None
    email: str | None = None
    type: str | None = None  # customer | user


class HelpScoutAttachment(VendorModel):
    """An attachment of a thread."""

    filename: str


class HelpScoutThreadEmbedded(VendorModel):
    """What a thread embeds."""

    attachments: list[HelpScoutAttachment] = Field(default_factory=list)


class HelpScoutThread(VendorModel):
    """One thread of the conversation."""

    id: int
    type: str
    body: str | None = None
    state: str | None = None  # published | draft | ...
    created_by: HelpScoutPerson | None = Field(default=None, alias="createdBy")
    created_at: dt.datetime | None = Field(default=None, alias="createdAt")
    embedded: HelpScoutThreadEmbedded = Field(
        default_factory=HelpScoutThreadEmbedded, alias="_embedded"
    )


class HelpScoutEmbedded(VendorModel):
    """The conversation's embedded threads."""

    threads: list[HelpScoutThread] = Field(min_length=1)


class HelpScoutConversation(VendorModel):
    """The conversation fields we read."""

    id: int
    subject: str | None = None
    type: str | None = None  # email | chat | phone
    primary_customer: HelpScoutPerson = Field(alias="primaryCustomer")
    assignee: HelpScoutPerson | None = None
    embedded: HelpScoutEmbedded = Field(alias="_embedded")


def _role(thread: HelpScoutThread) -> Role | None:
    if thread.type == "customer":
        return "customer"
    if thread.type in _AGENT_TYPES:
        return "agent"
    if thread.type in _EITHER_SIDE and thread.created_by is not None:
        return "customer" if thread.created_by.type == "customer" else "agent"
    return None  # note, lineitem, forwards...: not part of the customer conversation


def to_ticket(conversation: HelpScoutConversation) -> Ticket:
    """The vendor-neutral ticket: customer and agent threads, oldest first, drafts left out."""
    turns = []
    threads = sorted(
        conversation.embedded.threads, key=lambda t: (t.created_at is None, t.created_at, t.id)
    )
    for thread in threads:
        role = _role(thread)
        if role is None or thread.state == "draft":
            continue
        author = thread.created_by or HelpScoutPerson()
        turns.append(
            Turn(
                role=role,
                body=thread.body or "",
                author_name=full_name(author.first, author.last),
                author_email=author.email,
                sent_at=thread.created_at,
                attachments=[a.filename for a in thread.embedded.attachments],
            )
        )
    customer = conversation.primary_customer
    assignee = conversation.assignee
    return Ticket(
        turns=turns,
        subject=conversation.subject,
        channel=channel_for(conversation.type),
        customer_name=full_name(customer.first, customer.last),
        customer_email=customer.email,
        agent_name=full_name(assignee.first, assignee.last) if assignee else None,
    )


def to_draft_request(data: object) -> DraftRequest:
    """Map a Help Scout conversation with embedded threads to the contract request."""
    return to_request(to_ticket(parse_payload(HelpScoutConversation, data, VENDOR)), VENDOR)
