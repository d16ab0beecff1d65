"""A raw RFC 5322 message (``message/rfc822``) to a ``DraftRequest``, with the stdlib parser.

The customer's message is the plain-text part when there is one, else the HTML part (the
pipeline's normaliser strips HTML and the quoted history below the new text); attachments are
listed by filename.
"""

from __future__ import annotations

import datetime as dt
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser

from service.errors import InvalidRequestError
from service.helpdesk.turns import Ticket, Turn, to_request
from service.models import DraftRequest

VENDOR = "email"


def _sender(message: EmailMessage) -> Address | None:
    header = message.get("From")
    addresses = getattr(header, "addresses", ())
    return addresses[0] if addresses else None


def _sent_at(message: EmailMessage) -> dt.datetime | None:
    header = message.get("Date")
    when = getattr(header, "datetime", None)
    return when if isinstance(when, dt.datetime) and when.tzinfo is not None else None


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # an unknown or lying charset
        raise InvalidRequestError(
            "email: the message body cannot be decoded",
            details=[{"loc": ["body"], "msg": "undecodable charset", "type": "value_error"}],
        ) from None
    return content if isinstance(content, str) else ""


def parse(raw: bytes) -> EmailMessage:
    """Parse ``raw``; something without a From header or a body is a 422 naming what is missing."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)  # guaranteed by policy.default
    if _sender(message) is None:
        raise InvalidRequestError(
            "email: missing field 'From'",
            details=[{"loc": ["From"], "msg": "Field required", "type": "missing"}],
        )
    return message


def to_ticket(message: EmailMessage) -> Ticket:
    """One customer turn: the sender, the subject, the body and the attachments' names."""
    sender = _sender(message)
    filenames = [part.get_filename() or "" for part in message.iter_attachments()]
    name = sender.display_name if sender and sender.display_name else None
    address = sender.addr_spec if sender and sender.addr_spec else None
    return Ticket(
        turns=[
            Turn(
                role="customer",
                body=_body(message),
                author_name=name,
                author_email=address,
                sent_at=_sent_at(message),
                attachments=[f for f in filenames if f],
            )
        ],
        subject=str(message.get("Subject", "")) or None,
        channel="email",
        customer_name=name,
        customer_email=address,
    )


def to_draft_request(raw: bytes) -> DraftRequest:
    """Map a raw email to the contract request (422 when it cannot be one)."""
    return to_request(to_ticket(parse(raw)), VENDOR)
