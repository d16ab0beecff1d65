"""Webhook requests from the helpdesks: signature checks and event identity, per vendor.

Signatures, as each vendor documents them:

- Zendesk: ``X-Zendesk-Webhook-Signature`` = base64(HMAC-SHA256(secret, timestamp + body)) with
  ``X-Zendesk-Webhook-Signature-Timestamp`` (developer.zendesk.com/documentation/webhooks/
  verifying/).
- Help Scout: ``X-HelpScout-Signature`` = base64(HMAC-SHA1(secret, body))
  (developer.helpscout.com/webhooks/).
- Front application webhooks: ``X-Front-Signature`` = base64(HMAC-SHA256(secret,
  timestamp + ":" + body)) with ``X-Front-Request-Timestamp``
  (dev.frontapp.com/docs/application-webhooks).
- Freshdesk signs nothing. Its webhook action can send HTTP Basic authentication, so the
  receiver requires Basic auth whose password is the integration's signing secret (any user).

Replays are harmless beyond the signature: a repeated event has the same event key and is a
duplicate (see ``DeliveryStore.open``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from service.errors import InvalidRequestError

Headers = Mapping[str, str]
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class HookEvent:
    """What a webhook asks for: which ticket, and the key that makes a repeat a duplicate."""

    ticket_id: str
    event_key: str
    relevant: bool = True  # False: an event we accept but draft nothing for (agent's own reply)


def _b64_hmac(secret: str, message: bytes, digest: str) -> str:
    mac = hmac.new(secret.encode("utf-8"), message, digest).digest()
    return base64.b64encode(mac).decode("ascii")


def _same(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.strip().encode())


def verify_zendesk(headers: Headers, body: bytes, secret: str) -> bool:
    """Zendesk: base64 HMAC-SHA256 of timestamp + body."""
    timestamp = headers.get("x-zendesk-webhook-signature-timestamp")
    if timestamp is None:
        return False
    expected = _b64_hmac(secret, timestamp.encode("utf-8") + body, "sha256")
    return _same(expected, headers.get("x-zendesk-webhook-signature"))


def verify_helpscout(headers: Headers, body: bytes, secret: str) -> bool:
    """Help Scout: base64 HMAC-SHA1 of the body."""
    return _same(_b64_hmac(secret, body, "sha1"), headers.get("x-helpscout-signature"))


def verify_front(headers: Headers, body: bytes, secret: str) -> bool:
    """Front application webhooks: base64 HMAC-SHA256 of ``timestamp:body``."""
    timestamp = headers.get("x-front-request-timestamp")
    if timestamp is None:
        return False
    expected = _b64_hmac(secret, timestamp.encode("utf-8") + b":" + body, "sha256")
    return _same(expected, headers.get("x-front-signature"))


def verify_freshdesk(headers: Headers, body: bytes, secret: str) -> bool:
    """Freshdesk (no signature): HTTP Basic auth whose password is the shared secret."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    _user, _, password = decoded.partition(":")
    return _same(secret, password)


VERIFIERS: dict[str, Callable[[Headers, bytes, str], bool]] = {
    "zendesk": verify_zendesk,
    "freshdesk": verify_freshdesk,
    "helpscout": verify_helpscout,
    "front": verify_front,
}


def _json(vendor: str, body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidRequestError(f"{vendor} webhook: the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise InvalidRequestError(f"{vendor} webhook: the body must be a JSON object")
    return data


def _missing(vendor: str, field: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{vendor} webhook: missing field '{field}'",
        details=[{"loc": field.split("."), "msg": "Field required", "type": "missing"}],
    )


def _obj(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _body_key(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()


def _id(value: object) -> str | None:
    # Ids go into vendor API paths: letters, digits, '_' and '-' only (no '/', no '..').
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text if _SAFE_ID.fullmatch(text) else None


def zendesk_event(headers: Headers, body: bytes) -> HookEvent:
    """An event-subscription payload (``zen:event-type:ticket.comment_added``) or a trigger's.

    A trigger's JSON body must carry ``ticket_id`` (``{{ticket.id}}``) and may carry
    ``event_id``; without one, the body's hash identifies the event.
    """
    data = _json("zendesk", body)
    event_type = str(data.get("type", ""))
    if event_type.startswith("zen:event-type:"):
        ticket_id = _id(_obj(data, "detail").get("id"))
        if ticket_id is None:
            raise _missing("zendesk", "detail.id")
        comment = _obj(_obj(data, "event"), "comment")
        author = _obj(comment, "author")
        relevant = comment.get("is_public", True) is not False and not author.get("is_staff")
        key = _id(data.get("id")) or _body_key(body)
        return HookEvent(ticket_id, key, relevant=relevant)
    ticket_id = _id(data.get("ticket_id"))
    if ticket_id is None:
        raise _missing("zendesk", "ticket_id")
    return HookEvent(ticket_id, _id(data.get("event_id")) or _body_key(body))


def freshdesk_event(headers: Headers, body: bytes) -> HookEvent:
    """An automation rule's JSON: ``ticket_id`` (top level or under ``freshdesk_webhook``)."""
    data = _json("freshdesk", body)
    source = _obj(data, "freshdesk_webhook") or data
    ticket_id = _id(source.get("ticket_id"))
    if ticket_id is None:
        raise _missing("freshdesk", "ticket_id")
    return HookEvent(ticket_id, _id(source.get("event_id")) or _body_key(body))


def helpscout_event(headers: Headers, body: bytes) -> HookEvent:
    """A conversation object (``X-HelpScout-Event: convo.customer.reply.created`` etc.)."""
    data = _json("helpscout", body)
    ticket_id = _id(data.get("id"))
    if ticket_id is None:
        raise _missing("helpscout", "id")
    event = headers.get("x-helpscout-event", "")
    relevant = event in ("", "convo.created", "convo.customer.reply.created")
    return HookEvent(ticket_id, _body_key(body), relevant=relevant)


def front_event(headers: Headers, body: bytes) -> HookEvent:
    """An application webhook ``{"type", "payload": event}`` or a rule webhook's bare event."""
    data = _json("front", body)
    event = _obj(data, "payload") or data
    ticket_id = _id(_obj(event, "conversation").get("id"))
    if ticket_id is None:
        raise _missing("front", "payload.conversation.id")
    relevant = event.get("type") in (None, "inbound", "inbound_received")
    return HookEvent(ticket_id, _id(event.get("id")) or _body_key(body), relevant=relevant)


EVENT_PARSERS: dict[str, Callable[[Headers, bytes], HookEvent]] = {
    "zendesk": zendesk_event,
    "freshdesk": freshdesk_event,
    "helpscout": helpscout_event,
    "front": front_event,
}
