"""``/v1/audit/*``: listing with filters and pages, verify, streaming export; auditors only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.audit_models import AuditEntry, RedactionDecision
from service.storage.keys import KeyStore
from service.storage.tables import AuditRow
from tests.service.helpdesk.conftest import postgres_url
from tests.service.storage.conftest import pg_base_url  # noqa: F401  (fixture)

EMAIL = "maria.lopez@example.com"
PHONE = "+1 415 555 0134"


def decision(value: str, entity_type: str, action: str = "mask") -> RedactionDecision:
    return RedactionDecision(
        entity_type=entity_type,
        recognizer="TestRecognizer",
        score=0.9,
        start=0,
        end=len(value),
        action=action,  # type: ignore[arg-type]
        value=value,
    )


@pytest.fixture
def entries(runtime: Runtime) -> list[AuditEntry]:
    first = runtime.audit.append(
        [decision(EMAIL, "EMAIL_ADDRESS"), decision(PHONE, "PHONE_NUMBER")],
        request_id="req-a",
        draft_id="drf_a",
        tenant="default",  # the auditor key's tenant: auditors see only their own
    )
    second = runtime.audit.append(
        [decision(EMAIL, "EMAIL_ADDRESS", "block")],
        request_id="req-b",
        draft_id="drf_b",
        tenant="default",  # the auditor key's tenant: auditors see only their own
    )
    return first + second


@pytest.fixture
def auditor(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    _key, raw = KeyStore(runtime.store.engine).create("auditor", "compliance")
    with TestClient(create_app(settings, runtime=runtime), raise_server_exceptions=False) as c:
        c.headers["X-API-Key"] = raw
        yield c


def seqs(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [e["seq"] for e in response.json()["entries"]]


def test_lists_records_with_filters(auditor: TestClient, entries: list[AuditEntry]) -> None:
    assert seqs(auditor.get("/v1/audit/redactions")) == [1, 2, 3]
    assert seqs(auditor.get("/v1/audit/redactions?entity_type=PHONE_NUMBER")) == [2]
    assert seqs(auditor.get("/v1/audit/redactions?direction=outbound")) == [3]
    assert seqs(auditor.get("/v1/audit/redactions?draft_id=drf_a")) == [1, 2]
    stamp = entries[0].timestamp
    after = (stamp + dt.timedelta(days=1)).isoformat()
    before = (stamp - dt.timedelta(days=1)).replace(tzinfo=None).isoformat()  # naive: UTC
    assert seqs(auditor.get("/v1/audit/redactions", params={"from": after})) == []
    assert seqs(auditor.get("/v1/audit/redactions", params={"from": before})) == [1, 2, 3]
    assert seqs(auditor.get("/v1/audit/redactions", params={"to": before})) == []


def test_records_carry_hmacs_not_values(auditor: TestClient, entries: list[AuditEntry]) -> None:
    body = auditor.get("/v1/audit/redactions").json()
    record = body["entries"][0]
    assert record["schema_version"] == 2 and record["tenant"] == "default"
    assert record["value_hmac"] == body["entries"][2]["value_hmac"]  # same email, same HMAC
    assert EMAIL not in json.dumps(body) and PHONE not in json.dumps(body)


def test_pages_with_cursor(auditor: TestClient, entries: list[AuditEntry]) -> None:
    first = auditor.get("/v1/audit/redactions?limit=2").json()
    assert [e["seq"] for e in first["entries"]] == [1, 2] and first["next_cursor"]
    rest = auditor.get(f"/v1/audit/redactions?limit=2&cursor={first['next_cursor']}").json()
    assert [e["seq"] for e in rest["entries"]] == [3] and rest["next_cursor"] is None


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=5000", "cursor=nope", "direction=sideways", "from=yesterday"]
)
def test_bad_queries_are_422(auditor: TestClient, query: str) -> None:
    response = auditor.get(f"/v1/audit/redactions?{query}")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


def test_verify_reports_ok_then_the_edited_record(
    auditor: TestClient, runtime: Runtime, entries: list[AuditEntry]
) -> None:
    result = auditor.get("/v1/audit/verify").json()
    assert result["ok"] is True and result["checked"] == 3 and result["head_seq"] == 3
    with runtime.store.engine.begin() as connection:
        connection.execute(update(AuditRow).where(AuditRow.seq == 2).values(score=0.1))
    result = auditor.get("/v1/audit/verify").json()
    assert result["ok"] is False and result["first_bad_seq"] == 2


def test_export_jsonl_streams_every_record(auditor: TestClient, entries: list[AuditEntry]) -> None:
    response = auditor.get("/v1/audit/export?format=jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["hash"] for line in lines] == [e.hash for e in entries]
    assert EMAIL not in response.text and PHONE not in response.text


def test_export_csv_has_a_header_and_a_row_per_record(
    auditor: TestClient, entries: list[AuditEntry]
) -> None:
    response = auditor.get("/v1/audit/export", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [int(r["seq"]) for r in rows] == [1, 2, 3]
    assert rows[1]["entity_type"] == "PHONE_NUMBER" and rows[1]["value_hmac"]
    assert EMAIL not in response.text and PHONE not in response.text


def test_unknown_export_format_is_422(auditor: TestClient) -> None:
    assert auditor.get("/v1/audit/export?format=xml").status_code == 422


@pytest.mark.parametrize("path", ["/v1/audit/redactions", "/v1/audit/verify", "/v1/audit/export"])
def test_agent_keys_are_forbidden(client: TestClient, runtime: Runtime, path: str) -> None:
    _key, raw = KeyStore(runtime.store.engine).create("agent", "desk")
    response = client.get(path, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_filters_by_source_and_destination(auditor: TestClient, runtime: Runtime) -> None:
    sent = RedactionDecision(
        entity_type="EMAIL_ADDRESS",
        recognizer="TestRecognizer",
        score=0.9,
        start=0,
        end=len(EMAIL),
        action="mask",
        value=EMAIL,
        source="thread.messages[0] (customer)",
        destination="openai/gpt-4o-mini @ api.openai.com",
    )
    kept = RedactionDecision(
        entity_type="EMAIL_ADDRESS",
        recognizer="guardrail:sensitive_pii",
        score=1.0,
        start=0,
        end=len(EMAIL),
        action="block",
        value=EMAIL,
        source="draft",
        destination="none",
    )
    runtime.audit.append([sent, kept], request_id="r", draft_id="drf_s", tenant="default")
    url = "/v1/audit/redactions"
    assert seqs(auditor.get(url, params={"source": "thread.messages[0] (customer)"})) == [1]
    assert seqs(auditor.get(url, params={"destination": "none"})) == [2]
    body = auditor.get(url, params={"destination": "openai/gpt-4o-mini @ api.openai.com"}).json()
    assert [e["source"] for e in body["entries"]] == ["thread.messages[0] (customer)"]
    assert seqs(auditor.get(url, params={"source": "customer.name"})) == []
    too_long = auditor.get(url, params={"source": "x" * 301})
    assert too_long.status_code == 422
    assert too_long.json()["error"]["code"] == "invalid_request"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings on SQLite and on PostgreSQL (a fresh schema) for the chain's tenant scope."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'replydraft.db'}"
    else:
        url = postgres_url(request)
    return Settings(database_url=url, llm_model=None, data_dir=tmp_path)


def _chain_of_two_tenants(runtime: Runtime) -> list[AuditEntry]:
    """Seq 1-2 and 6 are the default tenant's, 3-5 and 7-8 acme's."""
    made: list[AuditEntry] = []
    for tenant, count in [("default", 2), ("acme", 3), ("default", 1), ("acme", 2)]:
        made += runtime.audit.append(
            [decision(EMAIL, "EMAIL_ADDRESS")] * count,
            request_id=f"req-{tenant}",
            draft_id=f"drf_{tenant}",
            tenant=tenant,
        )
    return made


def test_verify_tells_a_tenant_auditor_of_their_own_records_only(
    store_settings: Settings,
) -> None:
    """A tenant's auditor learns whether the chain verifies, and the count, last record and
    break point of their own tenant's records (they got the whole chain's count and head,
    telling another tenant's activity); admins still see the whole chain."""
    runtime = Runtime.build(store_settings)
    keys = KeyStore(runtime.store.engine)
    headers = {
        name: {"X-API-Key": keys.create(role, name, tenant=tenant)[1]}
        for name, role, tenant in [
            ("ours", "auditor", "default"),
            ("acme", "auditor", "acme"),
            ("ops", "admin", "default"),
        ]
    }
    chain = _chain_of_two_tenants(runtime)
    try:
        with TestClient(create_app(store_settings, runtime=runtime)) as client:

            def verify(who: str) -> dict[str, Any]:
                response = client.get("/v1/audit/verify", headers=headers[who])
                assert response.status_code == 200, response.text
                return dict(response.json())

            ours, acme, ops = verify("ours"), verify("acme"), verify("ops")
            assert ours == {
                "ok": True,
                "checked": 3,
                "first_bad_seq": None,
                "reason": None,
                "head_seq": 6,
                "head_hash": chain[5].hash,
                "scope": "tenant",
            }
            assert (acme["checked"], acme["head_seq"], acme["head_hash"]) == (5, 8, chain[7].hash)
            assert (ops["ok"], ops["checked"], ops["head_seq"], ops["scope"]) == (
                True,
                8,
                8,
                "chain",
            )
            # acme's record 4 is edited: the chain is broken for everyone; only acme's
            # auditor and the admin learn where.
            with runtime.store.engine.begin() as connection:
                connection.execute(update(AuditRow).where(AuditRow.seq == 4).values(score=0.1))
            ours, acme, ops = verify("ours"), verify("acme"), verify("ops")
            assert (ours["ok"], ours["first_bad_seq"], ours["checked"]) == (False, None, 2)
            assert "4" not in ours["reason"] and "admin" in ours["reason"]
            assert (acme["ok"], acme["first_bad_seq"]) == (False, 4)
            assert "edited" in acme["reason"]
            assert (ops["first_bad_seq"], ops["checked"]) == (4, 3)
    finally:
        runtime.store.close()


def test_verify_names_a_tenant_auditors_own_broken_record(store_settings: Settings) -> None:
    """Negative of the above: a break at one of the tenant's own records is named to them."""
    runtime = Runtime.build(store_settings)
    raw = KeyStore(runtime.store.engine).create("auditor", "ours")[1]
    _chain_of_two_tenants(runtime)
    with runtime.store.engine.begin() as connection:
        connection.execute(update(AuditRow).where(AuditRow.seq == 2).values(score=0.1))
    try:
        with TestClient(create_app(store_settings, runtime=runtime)) as client:
            result = client.get("/v1/audit/verify", headers={"X-API-Key": raw}).json()
    finally:
        runtime.store.close()
    assert (result["ok"], result["first_bad_seq"], result["checked"]) == (False, 2, 1)
    assert result["reason"] == "content does not match its hash (edited)"
