"""English-format values inside a Japanese thread answered in English, through the API with a
remote model, on SQLite and PostgreSQL: a US phone, an SSN, a US street address and a Latin
name (an English-named colleague) written in Japanese sentences reach neither the provider
nor the handoff, any table, the GET response, the audit export or the logs. They were read by
the Japanese recognizers only, which find none of them."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.engine import URL

from service.app import create_app
from service.storage.keys import KeyStore
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.storage.conftest import assert_nowhere, every_table, remote_runtime

NAME = "山田 太郎"
LATEST = (
    "上司を出してください。折り返しは(415) 555-0132にお願いします。"
    "SSNは536-22-1849です。書類は1600 Pennsylvania Avenue NW, Washington, DC 20500に"
    "送っていただけますか？"
)
# The agent's last step names an English-named colleague the Japanese reading misses.
AGENT = "お待たせしました。Quaile から折り返します。"
PROBES = [
    "Quaile",
    "555-0132",
    "536-22-1849",
    "Pennsylvania",
    "20500",
    "山田 太郎",
]


def _request() -> dict[str, Any]:
    return {
        "thread": {
            "subject": "請求書について",
            "messages": [
                {"role": "customer", "author_name": NAME, "body": "請求書の質問です。"},
                {"role": "agent", "author_name": "Sam", "body": AGENT},
                {"role": "customer", "author_name": NAME, "body": LATEST},
            ],
        },
        # Answered in English: the caller's language is not the messages'.
        "customer": {"name": NAME, "locale": "en-US"},
        "agent": {"name": "Sam"},
    }


def test_english_values_in_a_japanese_thread_stay_masked_everywhere(
    empty_url: URL, tmp_path: Path, server: FakeOpenAIServer, log_stream: io.StringIO
) -> None:
    runtime = remote_runtime(empty_url, tmp_path, server)
    app = create_app(runtime.settings, runtime=runtime)
    logging.getLogger("service").handlers[0].setStream(log_stream)  # type: ignore[attr-defined]
    _key, raw = KeyStore(runtime.store.engine).create("admin", "latin-in-ja")
    server.enqueue(Reply(text="Hello,\n\nWe are looking into it.\n\nSam"))
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {raw}"
        report = client.post("/v1/drafts", json=_request()).json()
        assert "escalation" in {f["code"] for f in report["flags"]}
        stored = client.get(f"/v1/drafts/{report['draft_id']}").json()
        audit = client.get("/v1/audit/export?format=jsonl").text
    runtime.store.close()
    assert "<PERSON" in report["handoff"] and "<PHONE_NUMBER" in report["handoff"]
    assert server.requests, "the draft went to the provider"
    sinks = {
        **every_table(runtime),
        "provider": json.dumps(server.requests, ensure_ascii=False),
        # The POST response answers the caller with its own questions; the handoff it gets
        # and everything served back later are masked.
        "handoff and GET": json.dumps([report["handoff"], stored], ensure_ascii=False),
        "audit export": audit,
        "logs": log_stream.getvalue(),
    }
    assert_nowhere(sinks, PROBES)
