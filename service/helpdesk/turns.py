"""The vendor-neutral shape every adapter fills, and its one conversion to ``DraftRequest``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from service.errors import InvalidRequestError
from service.http_errors import validation_details
from service.models import DraftRequest
from service.models.validation import describe

Role = Literal["customer", "agent"]
Channel = Literal["email", "chat", "social"]
M = TypeVar("M", bound=BaseModel)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class VendorModel(BaseModel):
    """Base of the vendor payload models: only the fields we read, the rest ignored."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


@dataclass(frozen=True)
class Turn:
    """One customer-visible message of a ticket (internal notes never become a Turn)."""

    role: Role
    body: str
    author_name: str | None = None
    author_email: str | None = None
    sent_at: dt.datetime | None = None
    attachments: Sequence[str] = ()


@dataclass(frozen=True)
class Ticket:
    """What every helpdesk ticket gives us, before it becomes a contract request."""

    turns: Sequence[Turn]
    subject: str | None = None
    channel: Channel = "email"
    customer_name: str | None = None
    customer_email: str | None = None
    customer_username: str | None = None  # a social or chat handle that is not an email
    agent_name: str | None = None


def parse_payload(model: type[M], data: object, vendor: str) -> M:
    """Validate a vendor payload; a missing or malformed field is a 422 naming that field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidRequestError(
            f"{vendor} payload: {describe(exc)}", details=validation_details(exc.errors())
        ) from None


def attachment_note(filenames: Iterable[str]) -> str:
    """The line appended to a message that came with files, so the draft knows they exist.

    The customer's files are not the contract's ``attachments`` (those are files the agent
    will attach to the reply), so they are listed in the message itself.
    """
    names = [n for n in filenames if n]
    return "" if not names else "\n\n[attachments: " + ", ".join(names) + "]"


def is_email(handle: str | None) -> bool:
    """Whether a vendor handle is an email address (not ``@someone`` or a phone number)."""
    return bool(handle) and _EMAIL.fullmatch(handle or "") is not None


def full_name(*parts: str | None) -> str | None:
    """Join name parts, or None when there are none."""
    name = " ".join(p.strip() for p in parts if p and p.strip())
    return name or None


def to_request(ticket: Ticket, vendor: str) -> DraftRequest:
    """The contract request for ``ticket``; a ticket without customer text is a 422."""
    messages = [
        {
            "role": t.role,
            "author_name": t.author_name,
            "author_email": t.author_email,
            "body": t.body + attachment_note(t.attachments),
            "sent_at": t.sent_at,
        }
        for t in ticket.turns
        if t.body.strip() or t.attachments
    ]
    data: dict[str, Any] = {
        "thread": {"subject": ticket.subject, "channel": ticket.channel, "messages": messages},
        "customer": {
            "name": ticket.customer_name,
            "email": ticket.customer_email,
            "username": ticket.customer_username,
        },
        "agent": {"name": ticket.agent_name},
    }
    if not messages:
        raise InvalidRequestError(
            f"{vendor} payload: no customer-visible message to reply to",
            details=[{"loc": ["messages"], "msg": "no public message", "type": "missing"}],
        )
    return parse_payload(DraftRequest, data, vendor)
