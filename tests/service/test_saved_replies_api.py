"""Saved replies through the API: named or picked, adapted, scoped to the tenant, reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.models import DraftRequest, SavedReply
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.conftest import en_request

REFUND = SavedReply(
    id="acme:refund",
    title="Duplicate charge refund",
    body="Hi {{ticket.requester.first_name}},\n\nIf you were charged twice, we refund the "
    "duplicate charge to the original card. Refunds reach your card within 5-10 business "
    "days.\n\nBest regards,\n{{current_user.first_name}}",
)
SHIPPING = SavedReply(
    id="acme:shipping",
    title="Countries we ship to",
    body="Hi [NAME],\n\nWe ship to Canada and the United States.\n\nThanks,\n{%user.firstName%}",
)
JA_REFUND = SavedReply(
    id="acme:ja-refund",
    title="返金",
    body="{%customer.fullName%}様\n\nいつもご利用いただき、誠にありがとうございます。\n\n"
    "重複分をご利用のお支払い方法に返金いたします。\n\nよろしくお願いいたします。\n{%user.fullName%}",
)


@pytest.fixture
def stored(runtime: Runtime) -> Runtime:
    runtime.store.put_saved_replies("acme", [REFUND, SHIPPING, JA_REFUND], tenant="acme")
    globex = SavedReply(id="globex:refund", title="Refund", body=REFUND.body)
    runtime.store.put_saved_replies("globex", [globex], tenant="globex")
    runtime.store.put_saved_replies("shipco", [SHIPPING.model_copy(update={"id": "shipco:s"})])
    return runtime


@pytest.fixture
def api(settings: Settings, stored: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=stored), raise_server_exceptions=False) as c:
        yield c


def _key(runtime: Runtime, tenant: str, role: str = "agent") -> dict[str, str]:
    raw = KeyStore(runtime.store.engine).create(role, "t", tenant=tenant)[1]
    return {"Authorization": f"Bearer {raw}"}


def _codes(report: dict[str, Any]) -> list[str]:
    return [f["code"] for f in report["flags"]]


def test_a_named_saved_reply_is_adapted_and_reported(api: TestClient, stored: Runtime) -> None:
    response = api.post(
        "/v1/drafts", json=en_request(saved_reply_id="acme:refund"), headers=_key(stored, "acme")
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["saved_reply_id"] == "acme:refund"
    body = report["body"]
    assert body.startswith("Hi Maria,\n\n")
    assert "we refund the duplicate charge to the original card" in body
    assert "Download PDF" in body  # the invoices ask, which the saved reply does not cover
    assert body.rstrip().endswith("Best regards,\nSam\nCustomer Support, Example Co.")
    assert "placeholder_left" not in _codes(report)
    assert "unanswered_question" not in _codes(report)
    # The stored (masked) copy says which saved reply the draft started from too.
    stored_copy = api.get(f"/v1/drafts/{report['draft_id']}", headers=_key(stored, "acme"))
    assert stored_copy.json()["saved_reply_id"] == "acme:refund"


def test_without_saved_replies_the_report_says_none(api: TestClient, stored: Runtime) -> None:
    report = api.post("/v1/drafts", json=en_request(), headers=_key(stored, "initech")).json()
    assert report["saved_reply_id"] is None


def test_the_drafter_picks_the_saved_reply_that_answers_an_ask(
    api: TestClient, stored: Runtime
) -> None:
    report = api.post("/v1/drafts", json=en_request(), headers=_key(stored, "acme")).json()
    assert report["saved_reply_id"] == "acme:refund"
    assert report["body"].startswith("Hi Maria,")


def test_a_saved_reply_that_answers_no_ask_is_not_picked(api: TestClient, stored: Runtime) -> None:
    # The default tenant holds only a shipping reply; the thread asks about refunds and invoices.
    report = api.post("/v1/drafts", json=en_request(), headers=_key(stored, "default")).json()
    assert report["saved_reply_id"] is None


@pytest.mark.parametrize(("tenant", "reply_id"), [("acme", "acme:nope"), ("globex", "acme:refund")])
def test_unknown_or_foreign_saved_reply_is_a_422_with_a_code(
    api: TestClient, stored: Runtime, tenant: str, reply_id: str
) -> None:
    response = api.post(
        "/v1/drafts", json=en_request(saved_reply_id=reply_id), headers=_key(stored, tenant)
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    # Another tenant's id reads exactly like one that never existed, and is not echoed.
    assert error["message"] == (
        "unknown saved reply id: no saved reply is stored under that id for this key"
    )
    assert reply_id not in response.text


def test_a_bad_saved_reply_id_is_a_validation_error(api: TestClient, stored: Runtime) -> None:
    response = api.post(
        "/v1/drafts", json=en_request(saved_reply_id="no spaces"), headers=_key(stored, "acme")
    )
    assert response.status_code == 422
    assert "saved_reply_id" in response.text


def test_the_list_is_scoped_to_the_tenant(api: TestClient, stored: Runtime) -> None:
    acme = api.get("/v1/saved-replies", headers=_key(stored, "acme"))
    assert acme.status_code == 200
    assert [r["id"] for r in acme.json()["saved_replies"]] == [
        "acme:refund",
        "acme:shipping",
        "acme:ja-refund",
    ]
    assert acme.json()["saved_replies"][0]["title"] == "Duplicate charge refund"
    globex = api.get("/v1/saved-replies", headers=_key(stored, "globex")).json()
    assert globex == {"saved_replies": [{"id": "globex:refund", "title": "Refund"}]}
    admin = api.get("/v1/saved-replies", headers=_key(stored, "acme", "admin")).json()
    assert len(admin["saved_replies"]) == 5
    assert api.get("/v1/saved-replies", headers=_key(stored, "acme", "auditor")).status_code == 403


def test_the_saved_text_unchanged_leaves_the_other_ask_unanswered(
    api: TestClient, stored: Runtime
) -> None:
    filled = REFUND.body.replace("{{ticket.requester.first_name}}", "Maria").replace(
        "{{current_user.first_name}}", "Sam"
    )
    request = en_request(saved_reply_id="acme:refund", draft=filled)
    report = api.post("/v1/checks", json=request, headers=_key(stored, "acme")).json()
    unanswered = [f for f in report["flags"] if f["code"] == "unanswered_question"]
    assert [f["evidence"] for f in unanswered] == ["q2"]  # the invoices ask
    assert "invoices" in unanswered[0]["message"].lower()
    assert report["saved_reply_id"] == "acme:refund"
    # A check never picks a saved reply of its own.
    plain = en_request(draft=filled)
    assert (
        api.post("/v1/checks", json=plain, headers=_key(stored, "acme")).json()["saved_reply_id"]
        is None
    )
    # Pasted with the helpdesk's placeholders still in: blocked.
    raw = api.post(
        "/v1/checks", json=en_request(draft=REFUND.body), headers=_key(stored, "acme")
    ).json()
    assert _codes(raw).count("placeholder_left") == 2


@pytest.mark.parametrize("named", [True, False], ids=["named", "picked"])
def test_japanese_saved_reply_is_adapted(api: TestClient, stored: Runtime, named: bool) -> None:
    request = {
        "thread": {
            "subject": "二重請求について",
            "messages": [
                {
                    "role": "customer",
                    "author_name": "山田 太郎",
                    "body": "同じ注文で二重に請求されています。返金していただけますか。",
                }
            ],
        },
        "customer": {"name": "山田 太郎", "locale": "ja-JP"},
        "agent": {"name": "佐藤"},
        "knowledge_base": [],
    }
    if named:
        request["saved_reply_id"] = "acme:ja-refund"
    report = api.post("/v1/drafts", json=request, headers=_key(stored, "acme")).json()
    assert report["saved_reply_id"] == "acme:ja-refund"
    assert report["body"].startswith("山田様\n\n")
    assert "重複分をご利用のお支払い方法に返金いたします。" in report["body"]
    assert report["body"].rstrip().endswith("佐藤")
    assert "placeholder_left" not in _codes(report)


async def test_a_model_gets_the_saved_reply_to_adapt(tmp_path: Path) -> None:
    with FakeOpenAIServer() as server:
        server.enqueue(Reply(text="Hi Maria,\n\nWe refund the duplicate charge.\n\nSam"))
        runtime = Runtime.build(
            Settings(
                database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                llm_model="openai/fake-model",
                llm_api_base=server.api_base,
                llm_api_key="test-key",
                llm_timeout_s=3.0,
            )
        )
        runtime.store.put_saved_replies("acme", [REFUND])
        request = DraftRequest.model_validate(en_request(saved_reply_id="acme:refund"))
        report = await runtime.draft(request)
        system, user = (m["content"] for m in server.requests[0]["messages"])
    assert report.saved_reply_id == "acme:refund"
    assert "Start from the team's saved reply" in system and "none may remain" in system
    assert '<saved_reply id="acme:refund">' in user
    assert "{{ticket.requester.first_name}}" in user  # the model sees the slot it must fill
    assert "It does not answer question 2 above" in user
