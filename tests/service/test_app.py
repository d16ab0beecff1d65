"""The HTTP API end to end, with the real pipeline, offline backend and SQLite."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.conftest import en_request


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_draft_returns_a_contract_report(client: TestClient) -> None:
    response = client.post("/v1/drafts", json=en_request())
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["schema_version"] == 1 and report["draft_id"].startswith("drf_")
    assert report["model"] == "offline" and report["language"] == "en"
    assert report["subject"] == "Re: Double charge on order #48213"
    assert report["body"].startswith("Hi Maria")
    assert [q["id"] for q in report["questions"]] == ["q1", "q2"]
    # The planned optional `kind` of each ask (contract: question | request | problem).
    assert all(q["kind"] in ("question", "request", "problem") for q in report["questions"])
    assert {c["article_id"] for c in report["citations"]} == {"billing-refunds", "billing-invoices"}
    assert report["prompt_version"].startswith("sha256:")
    assert {"normalise", "retrieve", "model", "guardrails", "total"} <= set(report["timings_ms"])
    assert report["verify_before_send"] == any(
        f["severity"] in ("verify", "block") for f in report["flags"]
    )
    assert response.headers["x-request-id"]


def test_stored_draft_can_be_fetched(client: TestClient) -> None:
    report = client.post("/v1/drafts", json=en_request()).json()
    fetched = client.get(f"/v1/drafts/{report['draft_id']}")
    assert fetched.status_code == 200
    stored = fetched.json()
    # The stored copy is masked (nothing raw at rest); ids, statuses, codes and counts match.
    texts = ("subject", "body", "questions", "flags")
    assert {k: v for k, v in stored.items() if k not in texts} == {
        k: v for k, v in report.items() if k not in texts
    }
    assert report["body"].startswith("Hi Maria") and stored["body"].startswith("Hi <PERSON_")
    assert [(q["id"], q["status"]) for q in stored["questions"]] == [
        (q["id"], q["status"]) for q in report["questions"]
    ]
    assert [f["code"] for f in stored["flags"]] == [f["code"] for f in report["flags"]]


def test_unknown_draft_is_404_in_contract_shape(client: TestClient) -> None:
    _error(client.get("/v1/drafts/drf_nope"), 404, "not_found")


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda r: r.update(unknown_field=1), ["body", "unknown_field"]),
        (lambda r: r["thread"].update(messages=[]), ["body", "thread", "messages"]),
        (lambda r: r["thread"]["messages"][0].update(role="agent"), ["body", "thread"]),
        (lambda r: r["thread"]["messages"][0].update(body=" "), ["body", "thread"]),
        (
            lambda r: r["thread"]["messages"][0].update(body="x" * 50_001),
            ["body", "thread", "messages", "0", "body"],
        ),
        (lambda r: r.update(voice_id="brand"), ["body"]),
    ],
)
def test_bad_requests_get_422_with_details(
    client: TestClient, mutate: Any, where: list[str]
) -> None:
    request = en_request()
    mutate(request)
    error = _error(client.post("/v1/drafts", json=request), 422, "invalid_request")
    assert any(d["loc"][: len(where)] == where for d in error["details"]), error


def test_validation_errors_do_not_echo_input(client: TestClient) -> None:
    request = en_request()
    request["customer"]["email"] = {"secret": "maria@example.com"}
    response = client.post("/v1/drafts", json=request)
    assert response.status_code == 422
    assert "maria@example.com" not in response.text


def test_malformed_json_is_400(client: TestClient) -> None:
    response = client.post(
        "/v1/drafts", content=b'{"thread": ', headers={"content-type": "application/json"}
    )
    _error(response, 400, "invalid_json")


def test_oversized_body_is_413(client: TestClient) -> None:
    response = client.post(
        "/v1/drafts",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": "5000000"},
    )
    _error(response, 413, "payload_too_large")


def test_unknown_stored_voice_is_422(client: TestClient) -> None:
    request = en_request(voice=None, voice_id="no-such-voice")
    _error(client.post("/v1/drafts", json=request), 422, "invalid_request")


def test_draft_field_is_refused_by_drafts(client: TestClient) -> None:
    _error(client.post("/v1/drafts", json=en_request(draft="Hi")), 422, "invalid_request")


def test_check_runs_guardrails_on_the_given_draft(client: TestClient) -> None:
    draft = "Hi Maria,\n\nSorry about the double charge.\n\nBest,\nSam"
    response = client.post("/v1/checks", json=en_request(draft=draft))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["body"] == draft and report["model"] == "human"
    assert report["prompt_version"] is None


def test_check_without_draft_is_422(client: TestClient) -> None:
    _error(client.post("/v1/checks", json=en_request()), 422, "invalid_request")


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] is True


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/v1/drafts", "/v1/checks", "/v1/drafts/{draft_id}"} <= set(schema["paths"])


def test_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/healthz", headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"


@pytest.mark.parametrize("factory", ["serving_app", "app_from_env"])
def test_a_serving_app_freezes_the_heap_once_its_engines_are_built(
    monkeypatch: pytest.MonkeyPatch, settings: Any, factory: str
) -> None:
    import service.app

    steps: list[str] = []

    def create_app(_settings: Any) -> str:
        steps.append("built")
        return "app"

    def freeze() -> int:
        steps.append("frozen")
        return 1

    monkeypatch.setattr(service.app, "get_settings", lambda: settings)
    monkeypatch.setattr(service.app, "create_app", create_app)
    monkeypatch.setattr(service.app, "freeze_startup_heap", freeze)
    build = getattr(service.app, factory)
    app = build(settings) if factory == "serving_app" else build()
    # Once per process, after the engines (and their warm-up) exist: never before.
    assert app == "app" and steps == ["built", "frozen"]


def test_an_app_built_for_tests_does_not_freeze_the_heap(client: TestClient) -> None:
    import gc

    assert client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() == 0
