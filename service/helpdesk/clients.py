"""The helpdesks' APIs: read a ticket as its adapter expects it, write back a draft or a note.

Endpoints as documented:
- Zendesk: ``GET /api/v2/tickets/{id}``, ``GET /api/v2/tickets/{id}/comments?include=users``;
  an internal note is ``PUT /api/v2/tickets/{id}`` with ``comment.public: false``; Basic auth
  ``{email}/token:{api_token}``.
- Freshdesk: ``GET /api/v2/tickets/{id}?include=requester``, ``.../conversations``; a private
  note is ``POST /api/v2/tickets/{id}/notes`` with ``private: true``; Basic ``{api_key}:X``.
- Help Scout: OAuth2 client credentials (``POST /v2/oauth2/token``); ``GET /v2/conversations/
  {id}?embed=threads``; a draft reply is ``POST /v2/conversations/{id}/reply`` with
  ``draft: true``.
- Front: Bearer token; ``GET /conversations/{id}``, ``.../messages``; a shared draft is
  ``POST /conversations/{id}/drafts``.
"""

from __future__ import annotations

import base64
from typing import Any, Protocol

import httpx

from service.helpdesk import freshdesk, front, helpscout, zendesk
from service.helpdesk.integrations import Integration
from service.helpdesk.note import Note
from service.helpdesk.vendor_http import VendorError, call, json_object, json_value
from service.models import DraftRequest


class HelpdeskClient(Protocol):
    """Read one ticket; write one draft or internal note to it."""

    async def fetch(self, ticket_id: str) -> DraftRequest:
        """The ticket as a contract request."""
        ...

    async def deliver(self, ticket_id: str, note: Note) -> str | None:
        """Write ``note`` where the agent works (never to the customer); the vendor's id of it."""
        ...


# Pages read per ticket at most: a ticket longer than this is drafted from its first pages.
MAX_PAGES = 10


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def _ref(value: object) -> str | None:
    return None if value is None else str(value)[:128]


class ZendeskClient:
    """Zendesk Support API."""

    def __init__(self, integration: Integration, http: httpx.AsyncClient) -> None:
        self._base = integration.base_url
        self._http = http
        self._auth = _basic(
            f"{integration.credential('email')}/token", integration.credential("api_token")
        )

    async def fetch(self, ticket_id: str) -> DraftRequest:
        """Ticket, comments and their sideloaded users, combined as the adapter expects."""
        base = f"{self._base}/api/v2/tickets/{ticket_id}"
        ticket = json_object(await call(self._http, "GET", base, headers=self._auth), "ticket")
        comments: list[Any] = []
        users: list[Any] = []
        url: str | None = f"{base}/comments?include=users"
        for _ in range(MAX_PAGES):  # 100 comments a page; next_page until null
            if url is None or not url.startswith(self._base):
                break
            page = json_object(await call(self._http, "GET", url, headers=self._auth), "comments")
            comments += _list(page.get("comments"))
            users += _list(page.get("users"))
            url = page.get("next_page") if isinstance(page.get("next_page"), str) else None
        return zendesk.to_draft_request(
            {"ticket": ticket.get("ticket"), "comments": comments, "users": users}
        )

    async def deliver(self, ticket_id: str, note: Note) -> str | None:
        """An internal note (``public: false``): agents see it, the customer never does."""
        body = {"ticket": {"comment": {"html_body": note.html, "public": False}}}
        response = await call(
            self._http,
            "PUT",
            f"{self._base}/api/v2/tickets/{ticket_id}",
            json=body,
            headers=self._auth,
        )
        audit = json_object(response, "ticket update").get("audit")
        return _ref(audit.get("id") if isinstance(audit, dict) else None)


class FreshdeskClient:
    """Freshdesk API v2."""

    def __init__(self, integration: Integration, http: httpx.AsyncClient) -> None:
        self._base = integration.base_url
        self._http = http
        self._auth = _basic(integration.credential("api_key"), "X")

    async def fetch(self, ticket_id: str) -> DraftRequest:
        """The ticket (with its requester) and its conversations."""
        base = f"{self._base}/api/v2/tickets/{ticket_id}"
        ticket = await call(
            self._http, "GET", base, params={"include": "requester"}, headers=self._auth
        )
        conversations: list[Any] = []
        for page in range(1, MAX_PAGES + 1):  # pages of up to 100 until a short one
            answer = await call(
                self._http,
                "GET",
                f"{base}/conversations",
                params={"per_page": 100, "page": page},
                headers=self._auth,
            )
            batch = _list(json_value(answer, "conversations"))
            conversations += batch
            if len(batch) < 100:
                break
        return freshdesk.to_draft_request(
            {"ticket": json_object(ticket, "ticket"), "conversations": conversations}
        )

    async def deliver(self, ticket_id: str, note: Note) -> str | None:
        """A private note."""
        response = await call(
            self._http,
            "POST",
            f"{self._base}/api/v2/tickets/{ticket_id}/notes",
            json={"body": note.html, "private": True},
            headers=self._auth,
        )
        return _ref(json_object(response, "note").get("id"))


class HelpScoutClient:
    """Help Scout Mailbox API 2.0."""

    def __init__(self, integration: Integration, http: httpx.AsyncClient) -> None:
        self._integration = integration
        self._base = integration.base_url
        self._http = http
        self._token: str | None = None

    async def _headers(self) -> dict[str, str]:
        if self._token is None:
            response = await call(
                self._http,
                "POST",
                f"{self._base}/v2/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._integration.credential("app_id"),
                    "client_secret": self._integration.credential("app_secret"),
                },
            )
            token = json_object(response, "token").get("access_token")
            if not isinstance(token, str):
                raise VendorError("token: no access_token", status=response.status_code)
            self._token = token
        return {"Authorization": f"Bearer {self._token}"}

    async def _conversation(self, ticket_id: str) -> dict[str, Any]:
        response = await call(
            self._http,
            "GET",
            f"{self._base}/v2/conversations/{ticket_id}",
            params={"embed": "threads"},
            headers=await self._headers(),
        )
        return json_object(response, "conversation")

    async def fetch(self, ticket_id: str) -> DraftRequest:
        """The conversation with its threads embedded."""
        return helpscout.to_draft_request(await self._conversation(ticket_id))

    async def deliver(self, ticket_id: str, note: Note) -> str | None:
        """A reply saved as a draft (``draft: true``): it waits in the editor, unsent."""
        conversation = await self._conversation(ticket_id)
        customer = conversation.get("primaryCustomer")
        customer_id = customer.get("id") if isinstance(customer, dict) else None
        if customer_id is None:
            raise VendorError("conversation: no primaryCustomer.id", status=200)
        response = await call(
            self._http,
            "POST",
            f"{self._base}/v2/conversations/{ticket_id}/reply",
            json={"customer": {"id": customer_id}, "text": note.html, "draft": True},
            headers=await self._headers(),
        )
        return _ref(response.headers.get("resource-id"))


class FrontClient:
    """Front Core API."""

    def __init__(self, integration: Integration, http: httpx.AsyncClient) -> None:
        self._base = integration.base_url
        self._http = http
        self._auth = {"Authorization": f"Bearer {integration.credential('api_token')}"}
        self._channel_id = integration.optional_credential("channel_id")
        self._author_id = integration.optional_credential("author_id")

    async def fetch(self, ticket_id: str) -> DraftRequest:
        """The conversation and its messages (``_results``)."""
        base = f"{self._base}/conversations/{ticket_id}"
        conversation = await call(self._http, "GET", base, headers=self._auth)
        messages: list[Any] = []
        url: str | None = f"{base}/messages"
        for _ in range(MAX_PAGES):  # _pagination.next until null
            if url is None or not url.startswith(self._base):
                break
            page = json_object(await call(self._http, "GET", url, headers=self._auth), "messages")
            messages += _list(page.get("_results"))
            pagination = page.get("_pagination")
            following = pagination.get("next") if isinstance(pagination, dict) else None
            url = following if isinstance(following, str) else None
        return front.to_draft_request(
            {"conversation": json_object(conversation, "conversation"), "messages": messages}
        )

    async def _channel(self, ticket_id: str) -> str:
        """The channel to draft from: the address the customer's latest message was sent to."""
        url = f"{self._base}/conversations/{ticket_id}/messages"
        page = json_object(await call(self._http, "GET", url, headers=self._auth), "messages")
        inbound = [
            m for m in _list(page.get("_results")) if isinstance(m, dict) and m.get("is_inbound")
        ]
        inbound.sort(key=lambda m: float(m.get("created_at") or 0), reverse=True)
        for message in inbound:
            for recipient in _list(message.get("recipients")):
                if isinstance(recipient, dict) and recipient.get("role") == "to":
                    return str(recipient.get("handle"))
        raise VendorError("messages: no channel address to draft from", status=200)

    async def deliver(self, ticket_id: str, note: Note) -> str | None:
        """A shared draft reply on the conversation, from the channel the customer wrote to.

        ``channel_id`` and ``author_id`` may be set among the integration's credentials;
        without ``channel_id`` the address the customer wrote to is used (Front accepts a
        channel id or address).
        """
        channel = self._channel_id or await self._channel(ticket_id)
        body: dict[str, Any] = {"body": note.html, "mode": "shared", "channel_id": channel}
        if self._author_id:
            body["author_id"] = self._author_id
        response = await call(
            self._http,
            "POST",
            f"{self._base}/conversations/{ticket_id}/drafts",
            json=body,
            headers=self._auth,
        )
        return _ref(json_object(response, "draft").get("id"))


def client_for(integration: Integration, http: httpx.AsyncClient) -> HelpdeskClient:
    """The API client of ``integration``'s vendor."""
    classes: dict[str, type[ZendeskClient | FreshdeskClient | HelpScoutClient | FrontClient]] = {
        "zendesk": ZendeskClient,
        "freshdesk": FreshdeskClient,
        "helpscout": HelpScoutClient,
        "front": FrontClient,
    }
    return classes[integration.vendor](integration, http)
