"""A key never reads another tenant's drafts, voices, knowledge bases or audit records."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.models import KnowledgeArticle, Voice
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.service.conftest import en_request


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def keys(runtime: Runtime) -> dict[str, dict[str, str]]:
    store = KeyStore(runtime.store.engine)
    return {
        "acme_agent": _bearer(store.create("agent", "acme desk", tenant="acme")[1]),
        "acme_auditor": _bearer(store.create("auditor", "acme audit", tenant="acme")[1]),
        "globex_agent": _bearer(store.create("agent", "globex desk", tenant="globex")[1]),
        "globex_auditor": _bearer(store.create("auditor", "globex audit", tenant="globex")[1]),
        "admin": _bearer(store.create("admin", "ops")[1]),
    }


@pytest.fixture
def api(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime)) as client:
        yield client


def test_a_draft_is_404_for_another_tenant_and_visible_to_an_admin(
    api: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    report = api.post("/v1/drafts", json=en_request(), headers=keys["acme_agent"]).json()
    path = f"/v1/drafts/{report['draft_id']}"
    assert api.get(path, headers=keys["acme_agent"]).json()["draft_id"] == report["draft_id"]
    foreign = api.get(path, headers=keys["globex_agent"])
    assert foreign.status_code == 404
    assert foreign.json()["error"]["code"] == "not_found"
    # Same answer as an id that never existed: nothing tells the two apart.
    missing = api.get("/v1/drafts/drf_doesnotexist", headers=keys["globex_agent"])
    assert foreign.json()["error"]["message"] == missing.json()["error"]["message"]
    assert api.get(path, headers=keys["admin"]).status_code == 200


def test_stored_voice_and_kb_are_scoped_to_their_tenant(
    api: TestClient, runtime: Runtime, keys: dict[str, dict[str, str]]
) -> None:
    runtime.store.put_voice("house", Voice(brand="Acme", guide="Warm."), tenant="acme")
    article = KnowledgeArticle(id="a1", title="Refunds", body="We refund duplicate charges.")
    runtime.store.put_knowledge_base("help", [article], tenant="acme")
    request = en_request(
        voice=None, voice_id="house", knowledge_base=None, knowledge_base_id="help"
    )
    assert api.post("/v1/drafts", json=request, headers=keys["acme_agent"]).status_code == 200
    foreign = api.post("/v1/drafts", json=request, headers=keys["globex_agent"])
    assert foreign.status_code == 422
    assert "unknown voice id" in foreign.json()["error"]["message"]
    assert api.post("/v1/drafts", json=request, headers=keys["admin"]).status_code == 200


def test_another_tenant_cannot_overwrite_a_taken_id(runtime: Runtime) -> None:
    from service.errors import InvalidRequestError

    runtime.store.put_voice("house", Voice(brand="Acme"), tenant="acme")
    with pytest.raises(InvalidRequestError, match="taken by another tenant") as taken:
        runtime.store.put_voice("house", Voice(brand="Globex"), tenant="globex")
    assert "house" not in taken.value.message  # the importer's id is not echoed
    assert runtime.store.get_voice("house").brand == "Acme"


def test_auditors_see_only_their_tenants_records(
    api: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    draft = "Hi Maria,\n\nYour card 4111 1111 1111 1111 was refunded.\n\nSam"
    acme = api.post("/v1/checks", json=en_request(draft=draft), headers=keys["acme_agent"])
    globex = api.post("/v1/checks", json=en_request(draft=draft), headers=keys["globex_agent"])
    acme_ids = {acme.json()["draft_id"]}
    globex_ids = {globex.json()["draft_id"]}

    def seen(headers: dict[str, str]) -> set[str]:
        page = api.get("/v1/audit/redactions", headers=headers).json()
        return {e["draft_id"] for e in page["entries"]}

    assert seen(keys["acme_auditor"]) == acme_ids
    assert seen(keys["globex_auditor"]) == globex_ids
    assert seen(keys["admin"]) == acme_ids | globex_ids
    export = api.get("/v1/audit/export", headers=keys["acme_auditor"]).text
    assert acme.json()["draft_id"] in export
    assert globex.json()["draft_id"] not in export


def test_a_404_for_an_id_never_echoes_the_id(
    api: TestClient, keys: dict[str, dict[str, str]]
) -> None:
    # An id in a path is caller text: a name and a birth date typed as one must not come back
    # in the answer (message or details), for an unknown id or another tenant's.
    planted = "maria.lopez.1985-04-15"
    report = api.post("/v1/drafts", json=en_request(), headers=keys["acme_agent"]).json()
    for draft_id in (planted, report["draft_id"]):
        for method, path, body in (
            ("GET", f"/v1/drafts/{draft_id}", None),
            ("GET", f"/v1/drafts/{draft_id}/deliveries", None),
            ("POST", f"/v1/drafts/{draft_id}/feedback", {"discarded": True}),
        ):
            answer = api.request(method, path, json=body, headers=keys["globex_agent"])
            assert answer.status_code == 404, (method, path)
            error = answer.json()["error"]
            assert error["code"] == "not_found"
            assert draft_id not in answer.text
            assert "draft" in error["message"]
