"""The whole service (HTTP API, pipeline, audit chain) on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import URL

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.service.conftest import en_request


def test_draft_check_fetch_and_audit(empty_url: URL, tmp_path: Path) -> None:
    settings = Settings(
        database_url=empty_url.render_as_string(hide_password=False), data_dir=tmp_path
    )
    runtime = Runtime.build(settings)
    _agent, agent_key = KeyStore(runtime.store.engine).create("agent", "helpdesk")
    _auditor, auditor_key = KeyStore(runtime.store.engine).create("auditor", "compliance")
    with TestClient(create_app(settings, runtime=runtime)) as client:
        agent = {"Authorization": f"Bearer {agent_key}"}
        report = client.post("/v1/drafts", json=en_request(), headers=agent).json()
        assert report["body"].startswith("Hi Maria")
        fetched = client.get(f"/v1/drafts/{report['draft_id']}", headers=agent)
        # Stored masked (nothing raw at rest): the customer's name is a placeholder.
        assert fetched.json()["draft_id"] == report["draft_id"]
        assert fetched.json()["body"].startswith("Hi <PERSON_")
        draft = "Hi Maria,\n\nYour card 4111 1111 1111 1111 was refunded.\n\nSam"
        check = client.post("/v1/checks", json=en_request(draft=draft), headers=agent).json()
        assert "sensitive_pii" in {f["code"] for f in check["flags"]}
        auditor = {"Authorization": f"Bearer {auditor_key}"}
        assert client.get("/v1/audit/verify", headers=auditor).json()["ok"] is True
        records = client.get("/v1/audit/redactions", headers=auditor).json()
        assert any(r["action"] == "block" for r in records["entries"])
        assert client.get("/v1/audit/verify", headers=agent).status_code == 403
    runtime.store.close()
