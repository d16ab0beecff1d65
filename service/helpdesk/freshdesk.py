"""Freshdesk: ``{"ticket": ..., "conversations": [...]}`` to a ``DraftRequest``.

Shapes from the Freshdesk API v2 (developers.freshdesk.com/api/#tickets and
#list_all_ticket_notes): the ticket's ``description`` is the customer's first message; a
conversation with ``private: true`` is a note and never customer text; ``incoming: true`` marks
what came from outside (the customer).
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

from pydantic import Field

from service.helpdesk.turns import Channel, Ticket, Turn, VendorModel, parse_payload, to_request
from service.models import DraftRequest

VENDOR = "freshdesk"

# Ticket ``source`` codes from the API docs: 7 Chat, 8 Mobihelp; 5 Twitter, 6 Facebook.
_SOURCE_CHANNEL: dict[int, Channel] = {7: "chat", 8: "chat", 5: "social", 6: "social"}


class FreshdeskAttachment(VendorModel):
    """An attachment of a ticket or conversation."""

    name: str


class FreshdeskRequester(VendorModel):
    """The requester, embedded with ``?include=requester``."""

    name: str | None = None
    email: str | None = None


class FreshdeskTicket(VendorModel):
    """The ticket fields we read."""

    id: int
    requester_id: int
    subject: str | None = None
    description: str | None = None
    description_text: str | None = None
    source: int | None = None
    created_at: dt.datetime | None = None
    requester: FreshdeskRequester | None = None
    attachments: list[FreshdeskAttachment] = Field(default_factory=list)


class FreshdeskConversation(VendorModel):
    """A reply or note of the ticket."""

    id: int
    incoming: bool
    private: bool
    body: str | None = None
    body_text: str | None = None
    from_email: str | None = None
    created_at: dt.datetime | None = None
    attachments: list[FreshdeskAttachment] = Field(default_factory=list)


class FreshdeskPayload(VendorModel):
    """The combined body: the ticket and its conversations."""

    ticket: FreshdeskTicket
    conversations: list[FreshdeskConversation] = Field(default_factory=list)


def _author(raw: str | None) -> tuple[str | None, str | None]:
    name, address = parseaddr(raw or "")
    return (name or None, address or None)


def to_ticket(payload: FreshdeskPayload) -> Ticket:
    """The vendor-neutral ticket: the description, then every non-private conversation."""
    ticket = payload.ticket
    requester = ticket.requester or FreshdeskRequester()
    turns = [
        Turn(
            role="customer",
            body=ticket.description_text or ticket.description or "",
            author_name=requester.name,
            author_email=requester.email,
            sent_at=ticket.created_at,
            attachments=[a.name for a in ticket.attachments],
        )
    ]
    ordered = sorted(payload.conversations, key=lambda c: (c.created_at is None, c.created_at))
    for conversation in ordered:
        if conversation.private:
            continue  # a note: agents' eyes only, never customer text
        name, address = _author(conversation.from_email)
        turns.append(
            Turn(
                role="customer" if conversation.incoming else "agent",
                body=conversation.body_text or conversation.body or "",
                author_name=name or (requester.name if conversation.incoming else None),
                author_email=address,
                sent_at=conversation.created_at,
                attachments=[a.name for a in conversation.attachments],
            )
        )
    return Ticket(
        turns=turns,
        subject=ticket.subject,
        channel=_SOURCE_CHANNEL.get(ticket.source or 0, "email"),
        customer_name=requester.name,
        customer_email=requester.email,
    )


def to_draft_request(data: object) -> DraftRequest:
    """Map the combined Freshdesk API responses to the contract request (422 when malformed)."""
    return to_request(to_ticket(parse_payload(FreshdeskPayload, data, VENDOR)), VENDOR)
