"""``POST /v1/drafts/from/{helpdesk}``: every fixture drafts; malformed ones store nothing."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.runtime import Runtime
from service.storage.tables import DraftRow
from tests.service.helpdesk.conftest import fixture_path, load_json

JSON_FIXTURES = [
    ("zendesk", "zendesk_ticket.json", "Maria"),
    ("zendesk", "zendesk_ja.json", "山田"),
    ("freshdesk", "freshdesk_ticket.json", "John"),
    ("freshdesk", "freshdesk_ja.json", "鈴木"),
    ("helpscout", "helpscout_conversation.json", "Vernon"),
    ("helpscout", "helpscout_ja.json", "花子"),
    ("front", "front_conversation.json", "Ana"),
    ("front", "front_ja.json", "海斗"),
]


def _drafts(runtime: Runtime) -> int:
    with runtime.store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(DraftRow)).scalar_one())


@pytest.mark.parametrize(("source", "name", "greeting_name"), JSON_FIXTURES)
def test_each_helpdesk_payload_drafts(
    client: TestClient, runtime: Runtime, source: str, name: str, greeting_name: str
) -> None:
    response = client.post(f"/v1/drafts/from/{source}", json=load_json(name))
    assert response.status_code == 200, response.text
    report = response.json()
    assert greeting_name in report["body"]
    assert client.get(f"/v1/drafts/{report['draft_id']}").status_code == 200
    assert _drafts(runtime) == 1


@pytest.mark.parametrize("name", ["email_multipart.eml", "email_ja.eml"])
def test_raw_email_drafts(client: TestClient, name: str) -> None:
    response = client.post(
        "/v1/drafts/from/email",
        content=fixture_path(name).read_bytes(),
        headers={"Content-Type": "message/rfc822"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["language"] in ("en", "ja")


def test_internal_note_text_never_reaches_the_draft(client: TestClient) -> None:
    response = client.post("/v1/drafts/from/zendesk", json=load_json("zendesk_ticket.json"))
    assert "VIP" not in response.json()["body"]
    assert "Stripe" not in response.json()["body"]


def test_malformed_payload_names_the_field_and_stores_nothing(
    client: TestClient, runtime: Runtime
) -> None:
    data = load_json("front_conversation.json")
    del data["conversation"]["id"]
    response = client.post("/v1/drafts/from/front", json=data)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert "conversation.id" in error["message"]
    assert error["details"][0]["loc"] == ["conversation", "id"]
    assert _drafts(runtime) == 0


def test_not_json_is_400(client: TestClient, runtime: Runtime) -> None:
    response = client.post("/v1/drafts/from/zendesk", content=b"{not json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"
    assert _drafts(runtime) == 0


def test_unknown_helpdesk_is_422(client: TestClient) -> None:
    response = client.post("/v1/drafts/from/kayako", json={})
    assert response.status_code == 422


def test_email_without_sender_is_422(client: TestClient, runtime: Runtime) -> None:
    response = client.post(
        "/v1/drafts/from/email", content=b"Subject: hi\r\n\r\nCan you help me?\r\n"
    )
    assert response.status_code == 422
    assert "From" in response.json()["error"]["message"]
    assert _drafts(runtime) == 0


@pytest.mark.parametrize("client_role", ["auditor"])
def test_auditors_may_not_draft(client: TestClient) -> None:
    response = client.post("/v1/drafts/from/zendesk", json=load_json("zendesk_ticket.json"))
    assert response.status_code == 403


def test_error_never_echoes_ticket_text(client: TestClient) -> None:
    data = load_json("zendesk_ticket.json")
    data["comments"][0]["public"] = "maria@example.com"
    response = client.post("/v1/drafts/from/zendesk", json=data)
    assert response.status_code == 422
    assert "maria@example.com" not in json.dumps(response.json())


@pytest.mark.parametrize(
    ("source", "name", "field"),
    [
        ("zendesk", "zendesk_missing_requester.json", "ticket.requester_id"),
        ("freshdesk", "freshdesk_missing_ticket.json", "ticket"),
        ("helpscout", "helpscout_no_threads.json", "_embedded.threads"),
        ("front", "front_missing_is_inbound.json", "messages.0.is_inbound"),
        ("email", "email_missing_from.eml", "From"),
    ],
)
def test_malformed_fixtures_are_refused_naming_the_field(
    client: TestClient, runtime: Runtime, source: str, name: str, field: str
) -> None:
    raw = fixture_path(f"malformed/{name}").read_bytes()
    response = client.post(f"/v1/drafts/from/{source}", content=raw)
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["message"]
    assert _drafts(runtime) == 0


def test_a_nul_a_caller_posts_is_still_a_422_naming_the_field(
    client: TestClient, runtime: Runtime
) -> None:
    # The negative of the worker's rule (text read from a helpdesk's API is made storable):
    # a caller who posts the payload can correct it, so it is refused, not rewritten.
    payload = load_json("zendesk_ticket.json")
    payload["comments"][0]["body"] = "I was charged\x00 twice."
    payload["comments"][0].pop("plain_body", None)
    payload["comments"][0].pop("html_body", None)
    response = client.post("/v1/drafts/from/zendesk", json=payload)
    assert response.status_code == 422, response.text
    assert "NUL" in response.text and "charged" not in response.text
    assert _drafts(runtime) == 0
