"""The vendor API clients against the fakes: paging, auth, and what they write back."""

from __future__ import annotations

import copy

import httpx
import pytest
from pydantic import SecretStr

from service.helpdesk.clients import FreshdeskClient, ZendeskClient
from service.helpdesk.integrations import Integration
from service.helpdesk.note import Note
from service.helpdesk.vendor_http import VendorError
from tests.fakes import freshdesk_server, zendesk_server
from tests.service.helpdesk.conftest import load_json


def _integration(vendor: str, base_url: str, credentials: dict[str, str]) -> Integration:
    return Integration(
        vendor=vendor,  # type: ignore[arg-type]
        base_url=base_url,
        credentials={k: SecretStr(v) for k, v in credentials.items()},
        signing_secret=SecretStr("s"),
    )


async def test_zendesk_follows_next_page() -> None:
    with zendesk_server.FakeZendesk() as fake:
        fake.comments_per_page = 2
        fake.add_ticket("35436", load_json("zendesk_ticket.json"))
        integration = _integration("zendesk", fake.base_url, zendesk_server.CREDENTIALS)
        async with httpx.AsyncClient() as http:
            request = await ZendeskClient(integration, http).fetch("35436")
        assert len(fake.calls("GET", "/comments")) == 2
        assert [m.role for m in request.thread.messages] == ["customer", "agent", "customer"]


async def test_freshdesk_reads_every_page_of_conversations() -> None:
    data = load_json("freshdesk_ticket.json")
    incoming = data["conversations"][2]
    data["conversations"] = [
        dict(copy.deepcopy(incoming), id=1000 + n, body_text=f"message {n}") for n in range(150)
    ]
    with freshdesk_server.FakeFreshdesk() as fake:
        fake.add_ticket("20", data)
        integration = _integration("freshdesk", fake.base_url, freshdesk_server.CREDENTIALS)
        async with httpx.AsyncClient() as http:
            request = await FreshdeskClient(integration, http).fetch("20")
            await FreshdeskClient(integration, http).deliver("20", Note(text="t", html="<p>t</p>"))
    assert len(request.thread.messages) == 151
    assert request.thread.messages[-1].body == "message 149"
    assert fake.created == [{"ticket_id": "20", "body": "<p>t</p>", "private": True}]


async def test_wrong_credentials_are_a_permanent_failure() -> None:
    with zendesk_server.FakeZendesk() as fake:
        fake.add_ticket("35436", load_json("zendesk_ticket.json"))
        integration = _integration("zendesk", fake.base_url, {"email": "x", "api_token": "y"})
        async with httpx.AsyncClient() as http:
            with pytest.raises(VendorError) as caught:
                await ZendeskClient(integration, http).fetch("35436")
    assert caught.value.status == 401
    assert caught.value.retryable is False
