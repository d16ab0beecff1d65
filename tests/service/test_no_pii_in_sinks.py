"""Known personal data never lands in a sink in the clear: logs, error bodies, the audit log
and its export, stored draft and check reports. Drafts go through litellm to a loopback fake
provider (that first fails, so warnings are logged) and through the offline fallback.
Every table on both databases: tests/service/storage/test_nothing_raw_at_rest.py."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.conftest import en_request
from tests.sink_search import find_planted

SECRETS = {
    "name": "Rosalind Featherstone",
    "email": "rosalind.featherstone@example.org",
    "phone": "+1 (415) 867-5309",
    "card": "4111 1111 1111 1111",
    "my_number": "123456789018",
    "other_person": "Bartholomew Quaile",
}
PROBES = [*SECRETS.values(), "Rosalind", "Featherstone", "rosalind.featherstone", "4111 1111"]


def _thread_body() -> str:
    return (
        f"Hello, this is {SECRETS['name']} ({SECRETS['email']}, {SECRETS['phone']}). "
        f"My card {SECRETS['card']} was charged twice and my My Number is "
        f"{SECRETS['my_number']}. Can you refund the duplicate charge?"
    )


def _rows(runtime: Runtime, query: str) -> str:
    with runtime.store.engine.connect() as conn:
        return json.dumps([list(map(str, row)) for row in conn.execute(text(query))])


def test_no_sink_holds_personal_data(
    tmp_path: Path, server: FakeOpenAIServer, log_stream: io.StringIO
) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model="openai/fake",
        llm_api_base=server.api_base,
        llm_api_key="k",
        llm_max_attempts=1,
        log_level="DEBUG",
    )
    runtime = Runtime.build(settings)
    app = create_app(settings, runtime=runtime)
    handler = logging.getLogger("service").handlers[0]
    handler.setStream(log_stream)  # type: ignore[attr-defined]
    _key, raw = KeyStore(runtime.store.engine).create("admin", "sinks")
    request = en_request(customer={"name": SECRETS["name"], "email": SECRETS["email"]})
    request["thread"]["messages"][0]["body"] = _thread_body()
    # The provider fails once (logged, falls back to offline), then answers.
    server.enqueue(Reply(status=400, body={"error": {"message": _thread_body()}}))
    server.enqueue(Reply(text="Hi <PERSON_2>,\n\nWe are checking this.\n\nSam"))
    responses: list[str] = []
    with TestClient(app, raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {raw}"
        for _ in range(2):
            response = client.post("/v1/drafts", json=request)
            assert response.status_code == 200
        leaked_draft = (
            f"Hi Rosalind, {SECRETS['other_person']} paid with {SECRETS['card']}; "
            f"My Number {SECRETS['my_number']}."
        )
        check = client.post("/v1/checks", json={**request, "draft": leaked_draft})
        assert {f["code"] for f in check.json()["flags"]} >= {"sensitive_pii", "foreign_pii"}
        bad = {**request, "customer": {"name": {"nested": SECRETS["name"]}}}
        responses.append(client.post("/v1/drafts", json=bad).text)
        responses.append(client.post("/v1/drafts", content=_thread_body().encode()).text)
        responses.append(client.get("/v1/audit/export?format=jsonl").text)
        responses.append(client.get("/v1/audit/export?format=csv").text)
        responses.append(client.get("/v1/audit/redactions").text)
        stored_check = client.get(f"/v1/drafts/{check.json()['draft_id']}").text
    audit_rows = _rows(runtime, "SELECT * FROM audit_log")
    stored_rows = _rows(runtime, "SELECT * FROM drafts")  # drafts and checks: masked at rest
    sinks = {
        "logs": log_stream.getvalue(),
        "audit rows": audit_rows,
        "stored reports": stored_rows + stored_check,
        "error and audit responses": "\n".join(responses),
    }
    assert "llm_fallback" in sinks["logs"]  # the logs did record the failure
    assert json.loads(sinks["error and audit responses"].splitlines()[-1])  # something exported
    for sink, content in sinks.items():
        for probe in PROBES:
            assert find_planted(content, probe) < 0, f"{probe!r} found in {sink}"
