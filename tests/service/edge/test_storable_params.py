"""A NUL in a path or query parameter is a 422 naming it, on SQLite and on PostgreSQL alike.

PostgreSQL refuses NUL in text: before, such a parameter reached the query and came back as a
503 "database unavailable" (GET a draft, audit filters), a 500 (a draft's deliveries) or a
dropped connection (a delivery), where SQLite answered 404 or an empty page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.service.helpdesk.conftest import postgres_url
from tests.service.storage.conftest import pg_base_url  # noqa: F401  (fixture)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """The app on each store, with an admin key (every route open to it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'replydraft.db'}"
    else:
        url = postgres_url(request)
    settings = Settings(database_url=url, llm_model=None, data_dir=tmp_path)
    runtime = Runtime.build(settings)
    raw = KeyStore(runtime.store.engine).create("admin", "ops")[1]
    with TestClient(create_app(settings, runtime=runtime), raise_server_exceptions=False) as c:
        yield c, raw
    runtime.store.close()


@pytest.mark.parametrize(
    ("method", "path", "loc"),
    [
        ("GET", "/v1/drafts/drf_a%00b", ["path", "draft_id"]),
        ("GET", "/v1/drafts/drf_a%00b/deliveries", ["path", "draft_id"]),
        ("GET", "/v1/deliveries/a%00b", ["path", "delivery_id"]),
        ("POST", "/v1/drafts/drf_a%00b/feedback", ["path", "draft_id"]),
        ("GET", "/v1/audit/redactions?draft_id=a%00b", ["query", "draft_id"]),
        ("GET", "/v1/audit/redactions?entity_type=a%00b", ["query", "entity_type"]),
        ("GET", "/v1/audit/redactions?source=a%00b", ["query", "source"]),
        ("GET", "/v1/audit/redactions?destination=a%00b", ["query", "destination"]),
        ("GET", "/v1/audit/export?format=a%00b", ["query", "format"]),
        # The export takes no draft_id: undeclared there, so not named.
        ("GET", "/v1/audit/export?draft_id=a%00b", ["query"]),
        # A name the route does not declare is the caller's text: never echoed (README).
        ("GET", "/v1/audit/redactions?limit=5&x%00=1", ["query"]),
        ("GET", "/v1/audit/redactions?alice%40example.com%00=1", ["query"]),
        ("GET", "/v1/audit/redactions?alice%40example.com=a%00b", ["query"]),
    ],
)
def test_a_nul_in_a_parameter_is_a_422_naming_it(
    api: tuple[TestClient, str], method: str, path: str, loc: list[str]
) -> None:
    client, key = api
    body = {"discarded": True} if method == "POST" else None
    response = client.request(method, path, json=body, headers={"X-API-Key": key})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert [d["loc"] for d in error["details"]] == [loc]
    assert "NUL" in error["details"][0]["msg"]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/drafts/drf_doesnotexist",
        "/v1/deliveries/nope",
        "/v1/audit/redactions?draft_id=drf_x&entity_type=PERSON",
    ],
)
def test_ordinary_parameters_pass_the_check(api: tuple[TestClient, str], path: str) -> None:
    # Negatives: the check refuses only unstorable text (an unknown id is still a 404, a
    # filter matching nothing still an empty page); percent-escapes other than NUL pass.
    client, key = api
    response = client.get(path, headers={"X-API-Key": key})
    assert response.status_code in (200, 404), response.text
    if response.status_code == 404:
        assert response.json()["error"]["code"] == "not_found"
    unicode_id = client.get("/v1/drafts/drf_%C3%A9t%C3%A9", headers={"X-API-Key": key})
    assert unicode_id.status_code == 404


def test_an_undeclared_name_is_never_echoed(api: tuple[TestClient, str]) -> None:
    # The name may be personal data (an email address) and holds the refused character.
    client, key = api
    path = "/v1/audit/redactions?alice%40example.com%00=1&draft_id=a%00b"
    response = client.get(path, headers={"X-API-Key": key})
    assert response.status_code == 422
    assert "alice" not in response.text and "\\u0000" not in response.text
    assert [d["loc"] for d in response.json()["error"]["details"]] == [
        ["query"],
        ["query", "draft_id"],
    ]


@pytest.mark.parametrize("path", ["/v1/drafts/a%00b", "/v1/audit/redactions?draft_id=a%00b&x%00=1"])
@pytest.mark.parametrize(("headers", "status"), [({}, 401), ({"X-API-Key": "rd_not_a_key"}, 401)])
def test_authentication_comes_before_the_parameter_check(
    api: tuple[TestClient, str], path: str, headers: dict[str, str], status: int
) -> None:
    # As for any other request: a caller without a valid key learns nothing of the check.
    client, _ = api
    response = client.get(path, headers=headers)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == "unauthorized"


def test_the_role_check_comes_before_the_parameter_check(api: tuple[TestClient, str]) -> None:
    client, _ = api
    runtime: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    agent = KeyStore(runtime.store.engine).create("agent", "desk")[1]
    # Audit is an auditor's: an agent is refused (403) before its parameter is looked at.
    refused = client.get("/v1/audit/redactions?draft_id=a%00b", headers={"X-API-Key": agent})
    assert refused.status_code == 403, refused.text
    # On a route the agent may use, the same parameter is the 422.
    checked = client.get("/v1/drafts/a%00b", headers={"X-API-Key": agent})
    assert checked.status_code == 422, checked.text
    assert checked.json()["error"]["details"][0]["loc"] == ["path", "draft_id"]


def test_every_path_parameter_of_the_api_is_checked(api: tuple[TestClient, str]) -> None:
    # The check lives in the role dependency: a route with a parameter but no role check
    # would let NUL reach a store again. Every documented route with a path parameter
    # answers 422 for one, and none answers 5xx.
    client, key = api
    operations = [
        (method.upper(), path)
        for path, item in client.app.openapi()["paths"].items()  # type: ignore[attr-defined]
        if "{" in path
        for method in item
    ]
    assert len(operations) >= 5
    for method, template in operations:
        path = re.sub(r"\{[^}]+\}", "a%00b", template)
        response = client.request(method, path, json={}, headers={"X-API-Key": key})
        assert response.status_code == 422, (method, template, response.text)
