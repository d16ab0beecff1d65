"""``GET /v1/voices`` and ``GET /v1/knowledge-bases``: ids scoped to the caller's tenant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.models import KnowledgeArticle, Voice
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore


@pytest.fixture
def stored(runtime: Runtime) -> Runtime:
    article = KnowledgeArticle(id="a1", title="Refunds", body="We refund duplicates.")
    runtime.store.put_voice("house", Voice(brand="Acme"), tenant="acme")
    runtime.store.put_voice("formal", Voice(brand="Acme"), tenant="acme")
    runtime.store.put_voice("globex-voice", Voice(brand="Globex"), tenant="globex")
    runtime.store.put_knowledge_base("help", [article], tenant="acme")
    runtime.store.put_knowledge_base("globex-help", [article], tenant="globex")
    return runtime


@pytest.fixture
def app_client(settings: Settings, stored: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=stored), raise_server_exceptions=False) as c:
        yield c


def _key(runtime: Runtime, role: str, tenant: str) -> dict[str, str]:
    raw = KeyStore(runtime.store.engine).create(role, "t", tenant=tenant)[1]
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.parametrize("role", ["agent", "engineer"])
def test_a_tenant_sees_its_own_ids_sorted(
    app_client: TestClient, stored: Runtime, role: str
) -> None:
    headers = _key(stored, role, "acme")
    voices = app_client.get("/v1/voices", headers=headers)
    kbs = app_client.get("/v1/knowledge-bases", headers=headers)
    assert voices.status_code == 200 and kbs.status_code == 200
    assert voices.json() == {"voices": [{"id": "formal"}, {"id": "house"}]}
    assert kbs.json() == {"knowledge_bases": [{"id": "help"}]}


def test_an_admin_sees_every_tenant(app_client: TestClient, stored: Runtime) -> None:
    headers = _key(stored, "admin", "acme")
    ids = [v["id"] for v in app_client.get("/v1/voices", headers=headers).json()["voices"]]
    assert ids == ["formal", "globex-voice", "house"]
    kbs = app_client.get("/v1/knowledge-bases", headers=headers).json()["knowledge_bases"]
    assert [k["id"] for k in kbs] == ["globex-help", "help"]


def test_an_empty_tenant_gets_empty_lists(app_client: TestClient, stored: Runtime) -> None:
    headers = _key(stored, "agent", "initech")
    assert app_client.get("/v1/voices", headers=headers).json() == {"voices": []}
    assert app_client.get("/v1/knowledge-bases", headers=headers).json() == {"knowledge_bases": []}


def test_an_auditor_may_not_list(app_client: TestClient, stored: Runtime) -> None:
    response = app_client.get("/v1/voices", headers=_key(stored, "auditor", "acme"))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_without_a_key_it_is_401(app_client: TestClient) -> None:
    response = app_client.get("/v1/knowledge-bases")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
