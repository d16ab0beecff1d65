"""Zendesk: ``{"ticket": ..., "comments": [...], "users": [...]}`` to a ``DraftRequest``.

Shapes from the Ticket and Ticket Comments API (developer.zendesk.com/api-reference/ticketing/
tickets/tickets/ and .../ticket_comments/): comments come oldest first; ``public: false`` is an
internal note and never customer text; users come from ``?include=users`` sideloading.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from service.helpdesk.channels import channel_for
from service.helpdesk.turns import Ticket, Turn, VendorModel, parse_payload, to_request
from service.models import DraftRequest

VENDOR = "zendesk"


class ZendeskUser(VendorModel):
    """A sideloaded user."""

    id: int
    name: str | None = None
    email: str | None = None
    role: str | None = None  # end-user | agent | admin


class ZendeskAttachment(VendorModel):
    """An attachment of a comment."""

    file_name: str


class ZendeskComment(VendorModel):
    """One ticket comment (public reply or internal note)."""

    id: int
    author_id: int
    public: bool
    body: str | None = None
    html_body: str | None = None
    created_at: dt.datetime | None = None
    attachments: list[ZendeskAttachment] = Field(default_factory=list)


class ZendeskVia(VendorModel):
    """How the ticket came in."""

    channel: str | int | None = None


class ZendeskTicket(VendorModel):
    """The ticket fields we read."""

    id: int
    requester_id: int
    subject: str | None = None
    assignee_id: int | None = None
    via: ZendeskVia | None = None


class ZendeskPayload(VendorModel):
    """The combined body: ticket, its comments, the sideloaded users."""

    ticket: ZendeskTicket
    comments: list[ZendeskComment] = Field(min_length=1)
    users: list[ZendeskUser] = Field(default_factory=list)


def to_ticket(payload: ZendeskPayload) -> Ticket:
    """The vendor-neutral ticket: public comments only, roles from the requester and users."""
    users = {u.id: u for u in payload.users}
    ticket = payload.ticket
    turns = []
    for comment in sorted(payload.comments, key=lambda c: (c.created_at is None, c.created_at)):
        if not comment.public:
            continue  # internal note: agents' eyes only, never customer text
        author = users.get(comment.author_id)
        is_customer = comment.author_id == ticket.requester_id or (
            author is not None and author.role == "end-user"
        )
        turns.append(
            Turn(
                role="customer" if is_customer else "agent",
                body=comment.body or comment.html_body or "",
                author_name=author.name if author else None,
                author_email=author.email if author else None,
                sent_at=comment.created_at,
                attachments=[a.file_name for a in comment.attachments],
            )
        )
    requester = users.get(ticket.requester_id)
    assignee = users.get(ticket.assignee_id) if ticket.assignee_id is not None else None
    via = ticket.via.channel if ticket.via else None
    return Ticket(
        turns=turns,
        subject=ticket.subject,
        channel=channel_for(str(via) if via is not None else None),
        customer_name=requester.name if requester else None,
        customer_email=requester.email if requester else None,
        agent_name=assignee.name if assignee else None,
    )


def to_draft_request(data: object) -> DraftRequest:
    """Map the combined Zendesk API responses to the contract request (422 when malformed)."""
    return to_request(to_ticket(parse_payload(ZendeskPayload, data, VENDOR)), VENDOR)
