"""A fake Freshdesk API v2 (tickets, conversations, private notes).

As documented at developers.freshdesk.com/api/ (View a Ticket with ``include=requester``, List
All Conversations of a Ticket, Create a Note). Auth: Basic ``{api_key}:X``. Freshdesk webhooks
are unsigned: replydraft requires Basic auth with the shared secret (see README).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from tests.fakes.helpdesk_server import NOT_FOUND, Answer, FakeHelpdeskServer, Recorded, path_id

API_KEY = "fd-key-456"
CREDENTIALS = {"api_key": API_KEY}


class FakeFreshdesk(FakeHelpdeskServer):
    vendor = "freshdesk"

    def authorised(self, request: Recorded) -> bool:
        token = base64.b64encode(f"{API_KEY}:X".encode()).decode()
        return request.headers.get("authorization") == f"Basic {token}"

    def route(self, request: Recorded) -> Answer:
        conversations_of = path_id(request.path, "/api/v2/tickets/", "/conversations")
        notes_of = path_id(request.path, "/api/v2/tickets/", "/notes")
        ticket_id = path_id(request.path, "/api/v2/tickets/")
        if request.method == "GET" and conversations_of in self.tickets:
            per_page = int(request.query.get("per_page", ["30"])[0])  # 30 unless asked (max 100)
            page = int(request.query.get("page", ["1"])[0])
            every = self.tickets[conversations_of]["conversations"]
            return 200, {}, every[(page - 1) * per_page : page * per_page]
        if request.method == "POST" and notes_of in self.tickets:
            note = request.json()
            self.created.append({"ticket_id": notes_of, **note})
            return (
                201,
                {},
                {
                    "id": 5000 + len(self.created),
                    "ticket_id": int(notes_of),
                    "incoming": False,
                    **note,
                },
            )
        if request.method == "GET" and ticket_id in self.tickets:
            ticket = dict(self.tickets[ticket_id]["ticket"])
            if request.query.get("include") != ["requester"]:
                ticket.pop("requester", None)
            return 200, {}, ticket
        return NOT_FOUND


def signed_webhook(secret: str, payload: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """An automation-rule webhook body with the Basic auth the rule is set up to send."""
    token = base64.b64encode(f"replydraft:{secret}".encode()).decode()
    return json.dumps(payload).encode(), {
        "Content-Type": "application/json",
        "Authorization": f"Basic {token}",
    }
