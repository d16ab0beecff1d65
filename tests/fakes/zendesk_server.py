"""A fake Zendesk Support API (tickets, comments, internal notes) and its webhook signer.

As documented at developer.zendesk.com/api-reference/ticketing/tickets/tickets/ (Show Ticket,
Update Ticket), .../ticket_comments/ (List Comments, ``include=users`` sideloading) and
developer.zendesk.com/documentation/webhooks/verifying/ (signature). Auth: Basic
``{email}/token:{api_token}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from tests.fakes.helpdesk_server import NOT_FOUND, Answer, FakeHelpdeskServer, Recorded, path_id

EMAIL = "admin@example.com"
API_TOKEN = "zd-token-123"
CREDENTIALS = {"email": EMAIL, "api_token": API_TOKEN}


class FakeZendesk(FakeHelpdeskServer):
    vendor = "zendesk"
    comments_per_page = 100  # the API's default page size

    def authorised(self, request: Recorded) -> bool:
        token = base64.b64encode(f"{EMAIL}/token:{API_TOKEN}".encode()).decode()
        return request.headers.get("authorization") == f"Basic {token}"

    def route(self, request: Recorded) -> Answer:
        comments_of = path_id(request.path, "/api/v2/tickets/", "/comments")
        ticket_id = path_id(request.path, "/api/v2/tickets/")
        if request.method == "GET" and comments_of in self.tickets:
            data = self.tickets[comments_of]
            users = data["users"] if request.query.get("include") == ["users"] else []
            page = int(request.query.get("page", ["1"])[0])
            size = self.comments_per_page
            chunk = data["comments"][(page - 1) * size : page * size]
            more = page * size < len(data["comments"])
            next_page = (
                f"{self.base_url}/api/v2/tickets/{comments_of}/comments.json?include=users"
                f"&page={page + 1}"
                if more
                else None
            )
            return (
                200,
                {},
                {
                    "comments": chunk,
                    "users": users,
                    "next_page": next_page,
                    "previous_page": None,
                    "count": len(data["comments"]),
                },
            )
        if ticket_id not in self.tickets:
            return NOT_FOUND
        if request.method == "GET":
            return 200, {}, {"ticket": self.tickets[ticket_id]["ticket"]}
        if request.method == "PUT":
            comment = request.json()["ticket"]["comment"]
            self.created.append({"ticket_id": ticket_id, **comment})
            audit = {
                "id": 9000 + len(self.created),
                "ticket_id": int(ticket_id),
                "events": [{"type": "Comment", "public": comment.get("public", True)}],
            }
            return 200, {}, {"ticket": self.tickets[ticket_id]["ticket"], "audit": audit}
        return 405, {}, {"error": "method not allowed"}


def signed_webhook(
    secret: str, payload: dict[str, Any], timestamp: str = "2026-11-29T10:00:00Z"
) -> tuple[bytes, dict[str, str]]:
    """A webhook body and the headers Zendesk sends with it."""
    body = json.dumps(payload).encode()
    mac = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return body, {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Signature": base64.b64encode(mac).decode(),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    }


def comment_added_event(ticket_id: str, event_id: str) -> dict[str, Any]:
    """A ``zen:event-type:ticket.comment_added`` event (developer.zendesk.com/api-reference/
    webhooks/event-types/ticket-events/)."""
    return {
        "account_id": 22129848,
        "detail": {"id": ticket_id, "requester_id": "20978392", "status": "OPEN"},
        "event": {
            "comment": {
                "id": "1277",
                "is_public": True,
                "author": {"id": "20978392", "is_staff": False},
            }
        },
        "id": event_id,
        "subject": f"zen:ticket:{ticket_id}",
        "time": "2026-11-29T10:00:00Z",
        "type": "zen:event-type:ticket.comment_added",
        "zendesk_event_version": "2022-11-06",
    }
