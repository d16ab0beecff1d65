"""Front: ``{"conversation": ..., "messages": [...]}`` to a ``DraftRequest``.

Shapes from Core API (dev.frontapp.com/reference/get-conversation-by-id and
.../list-conversation-messages): ``is_inbound`` marks the customer's messages; comments (Front's
internal discussion) live on another endpoint and never reach us; drafts (``is_draft``) are
skipped; ``created_at`` is seconds since the epoch.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from service.helpdesk.channels import channel_for
from service.helpdesk.turns import (
    Ticket,
    Turn,
    VendorModel,
    full_name,
    is_email,
    parse_payload,
    to_request,
)
from service.models import DraftRequest

VENDOR = "front"


class FrontTeammate(VendorModel):
    """A teammate (message author or conversation assignee)."""

    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class FrontRecipient(VendorModel):
    """A message recipient: ``role`` is from / to / cc / bcc / reply-to."""

    handle: str
    role: str
    name: str | None = None


class FrontAttachment(VendorModel):
    """An attachment of a message."""

    filename: str


class FrontMessage(VendorModel):
    """One message of the conversation."""

    id: str
    type: str | None = None
    is_inbound: bool
    is_draft: bool = False
    created_at: float | None = None
    body: str | None = None
    text: str | None = None
    author: FrontTeammate | None = None
    recipients: list[FrontRecipient] = Field(default_factory=list)
    attachments: list[FrontAttachment] = Field(default_factory=list)


class FrontConversation(VendorModel):
    """The conversation fields we read."""

    id: str
    subject: str | None = None
    assignee: FrontTeammate | None = None


class FrontPayload(VendorModel):
    """The combined body: the conversation and its messages (``_results``)."""

    conversation: FrontConversation
    messages: list[FrontMessage] = Field(min_length=1)


def _sender(message: FrontMessage) -> FrontRecipient | None:
    return next((r for r in message.recipients if r.role == "from"), None)


def _when(seconds: float | None) -> dt.datetime | None:
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, dt.UTC)


def to_ticket(payload: FrontPayload) -> Ticket:
    """The vendor-neutral ticket: inbound messages are the customer's, drafts left out."""
    turns = []
    customer: FrontRecipient | None = None
    channel: str | None = None
    for message in sorted(payload.messages, key=lambda m: (m.created_at or 0.0, m.id)):
        if message.is_draft:
            continue
        sender = _sender(message)
        if message.is_inbound:
            customer = customer or sender
            channel = channel or message.type
            name = sender.name if sender else None
            email = sender.handle if sender and is_email(sender.handle) else None
        else:
            author = message.author or FrontTeammate()
            name = full_name(author.first_name, author.last_name)
            email = author.email or (sender.handle if sender else None)
        turns.append(
            Turn(
                role="customer" if message.is_inbound else "agent",
                body=message.text or message.body or "",
                author_name=name,
                author_email=email,
                sent_at=_when(message.created_at),
                attachments=[a.filename for a in message.attachments],
            )
        )
    assignee = payload.conversation.assignee
    return Ticket(
        turns=turns,
        subject=payload.conversation.subject,
        channel=channel_for(channel),
        customer_name=customer.name if customer else None,
        customer_email=customer.handle if customer and is_email(customer.handle) else None,
        customer_username=customer.handle if customer and not is_email(customer.handle) else None,
        agent_name=full_name(assignee.first_name, assignee.last_name) if assignee else None,
    )


def to_draft_request(data: object) -> DraftRequest:
    """Map the combined Front API responses to the contract request (422 when malformed)."""
    return to_request(to_ticket(parse_payload(FrontPayload, data, VENDOR)), VENDOR)
