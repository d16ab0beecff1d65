"""A fake Help Scout Mailbox API 2.0 (OAuth2 token, conversations, draft replies).

As documented at developer.helpscout.com/mailbox-api/overview/authentication/ (client
credentials), .../endpoints/conversations/get/ (``embed=threads``), .../conversations/threads/
reply/ (``draft: true``; 201 with ``Resource-ID``) and developer.helpscout.com/webhooks/
(``X-HelpScout-Signature``: base64 HMAC-SHA1 of the body).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any
from urllib.parse import parse_qs

from tests.fakes.helpdesk_server import NOT_FOUND, Answer, FakeHelpdeskServer, Recorded, path_id

APP_ID = "hs-app"
APP_SECRET = "hs-secret-789"
ACCESS_TOKEN = "hs-access-token"
CREDENTIALS = {"app_id": APP_ID, "app_secret": APP_SECRET}


class FakeHelpScout(FakeHelpdeskServer):
    vendor = "helpscout"

    def authorised(self, request: Recorded) -> bool:
        if request.path == "/v2/oauth2/token":
            return True  # checked in route: the client credentials are in the form body
        return request.headers.get("authorization") == f"Bearer {ACCESS_TOKEN}"

    def route(self, request: Recorded) -> Answer:
        if request.path == "/v2/oauth2/token" and request.method == "POST":
            form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()}
            if (form.get("grant_type"), form.get("client_id"), form.get("client_secret")) != (
                "client_credentials",
                APP_ID,
                APP_SECRET,
            ):
                return 401, {}, {"error": "invalid_client"}
            return (
                200,
                {},
                {"token_type": "bearer", "access_token": ACCESS_TOKEN, "expires_in": 172800},
            )
        reply_of = path_id(request.path, "/v2/conversations/", "/reply")
        conversation_id = path_id(request.path, "/v2/conversations/")
        if request.method == "POST" and reply_of in self.tickets:
            reply = request.json()
            self.created.append({"ticket_id": reply_of, **reply})
            thread_id = str(7000 + len(self.created))
            return (
                201,
                {
                    "Resource-ID": thread_id,
                    "Location": f"{self.base_url}/v2/conversations/{reply_of}/threads/{thread_id}",
                },
                None,
            )
        if request.method == "GET" and conversation_id in self.tickets:
            if request.query.get("embed") != ["threads"]:
                data = dict(self.tickets[conversation_id])
                data.pop("_embedded", None)
                return 200, {}, data
            return 200, {}, self.tickets[conversation_id]
        return NOT_FOUND


def signed_webhook(
    secret: str, payload: dict[str, Any], event: str = "convo.customer.reply.created"
) -> tuple[bytes, dict[str, str]]:
    """A webhook body (the conversation object) and Help Scout's headers."""
    body = json.dumps(payload).encode()
    mac = hmac.new(secret.encode(), body, hashlib.sha1).digest()
    return body, {
        "Content-Type": "application/json",
        "X-HelpScout-Event": event,
        "X-HelpScout-Signature": base64.b64encode(mac).decode(),
    }
