"""A fake Front Core API (conversations, messages, drafts) and its app-webhook signer.

As documented at dev.frontapp.com/reference/get-conversation-by-id, .../list-conversation-
messages (``_results``), .../create-draft-reply and dev.frontapp.com/docs/application-webhooks
(``X-Front-Signature``: base64 HMAC-SHA256 of ``timestamp:body``). Auth: Bearer API token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from tests.fakes.helpdesk_server import NOT_FOUND, Answer, FakeHelpdeskServer, Recorded, path_id

API_TOKEN = "front-token-abc"
CREDENTIALS = {"api_token": API_TOKEN}


class FakeFront(FakeHelpdeskServer):
    vendor = "front"

    def authorised(self, request: Recorded) -> bool:
        return request.headers.get("authorization") == f"Bearer {API_TOKEN}"

    def route(self, request: Recorded) -> Answer:
        messages_of = path_id(request.path, "/conversations/", "/messages")
        drafts_of = path_id(request.path, "/conversations/", "/drafts")
        conversation_id = path_id(request.path, "/conversations/")
        if request.method == "GET" and messages_of in self.tickets:
            return (
                200,
                {},
                {
                    "_pagination": {"next": None},
                    "_links": {},
                    "_results": self.tickets[messages_of]["messages"],
                },
            )
        if request.method == "POST" and drafts_of in self.tickets:
            draft = request.json()
            if not draft.get("channel_id") or not draft.get("body"):
                return (
                    400,
                    {},
                    {
                        "_error": {
                            "status": 400,
                            "title": "Bad request",
                            "message": "channel_id and body are required",
                        }
                    },
                )
            self.created.append({"ticket_id": drafts_of, **draft})
            return (
                200,
                {},
                {
                    "id": f"msg_draft{len(self.created)}",
                    "is_draft": True,
                    "draft_mode": draft.get("mode", "private"),
                    "body": draft["body"],
                },
            )
        if request.method == "GET" and conversation_id in self.tickets:
            return 200, {}, self.tickets[conversation_id]["conversation"]
        return NOT_FOUND


def signed_webhook(
    secret: str, payload: dict[str, Any], timestamp: str = "1764410400000"
) -> tuple[bytes, dict[str, str]]:
    """An application-webhook body and Front's headers."""
    body = json.dumps(payload).encode()
    mac = hmac.new(secret.encode(), timestamp.encode() + b":" + body, hashlib.sha256).digest()
    return body, {
        "Content-Type": "application/json",
        "X-Front-Signature": base64.b64encode(mac).decode(),
        "X-Front-Request-Timestamp": timestamp,
    }


def inbound_event(conversation_id: str, event_id: str) -> dict[str, Any]:
    """An application webhook carrying an ``inbound`` event."""
    return {
        "type": "inbound_received",
        "authorization": {"id": "cmp_123"},
        "payload": {
            "_links": {"self": f"https://api2.frontapp.com/events/{event_id}"},
            "id": event_id,
            "type": "inbound",
            "emitted_at": 1764410400.0,
            "conversation": {"id": conversation_id, "subject": "Where is my order?"},
        },
    }
