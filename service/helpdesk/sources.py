"""Which helpdesk payloads replydraft reads, and the one entry point that reads them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Literal, get_args

from service.errors import InvalidRequestError
from service.helpdesk import email, freshdesk, front, helpscout, zendesk
from service.models import DraftRequest

Source = Literal["zendesk", "freshdesk", "helpscout", "front", "email"]
SOURCES: tuple[str, ...] = get_args(Source)

_JSON_MAPPERS: dict[str, Callable[[object], DraftRequest]] = {
    "zendesk": zendesk.to_draft_request,
    "freshdesk": freshdesk.to_draft_request,
    "helpscout": helpscout.to_draft_request,
    "front": front.to_draft_request,
}


class InvalidJsonError(InvalidRequestError):
    """The body is not JSON (HTTP 400, as for ``/v1/drafts``)."""

    code = "invalid_json"
    status_code = 400


def request_from_bytes(source: str, raw: bytes) -> DraftRequest:
    """The ``DraftRequest`` for a body in ``source``'s shape: JSON, or a raw email."""
    if source == "email":
        return email.to_draft_request(raw)
    mapper = _JSON_MAPPERS.get(source)
    if mapper is None:
        raise InvalidRequestError(f"unknown helpdesk; use one of: {', '.join(SOURCES)}")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidJsonError(f"{source} payload: the body is not valid JSON") from None
    return mapper(data)
