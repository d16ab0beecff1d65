"""Latin names and foreign numbers a Japanese thread gives where the detector left them in
clear (addressed with 宛, acting in person with 本人, listed with a slash, a surname alone
after the full name, an SSN labelled only in Japanese, a German number named by its country
alone): through the API with a remote model, on SQLite and PostgreSQL, none reaches the
provider, the handoff, any table, the GET response, the audit export or the logs."""

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

NAME = "木村 早苗"
FIRST = "返金の件で先週Alan Thorntonさんとお話ししました。"
LATEST = (
    "Thornton部長によると返金は可能とのことでした。書類はDesmond Achterberg宛に送り、"
    "手続きはCorin Maddox本人が行います。CCにTobias Lindqvist/Mireille Dufresneを入れて"
    "ください。社会保障番号536221849で登録されています。ドイツの番号030 12345678にも"
    "かけましたが繋がりませんでした。上司を出してください。"
)
PROBES = [
    "Thornton",
    "Achterberg",
    "Maddox",
    "Mireille",
    "536221849",
    "12345678",
    "木村 早苗",
]


def _request() -> dict[str, Any]:
    return {
        "thread": {
            "subject": "返金について",
            "messages": [
                {"role": "customer", "author_name": NAME, "body": FIRST},
                {"role": "agent", "author_name": "Sam", "body": "確認いたします。"},
                {"role": "customer", "author_name": NAME, "body": LATEST},
            ],
        },
        "customer": {"name": NAME, "locale": "ja-JP"},
        "agent": {"name": "Sam"},
    }


def test_latin_names_and_foreign_numbers_in_a_japanese_thread_stay_masked_everywhere(
    empty_url: URL, tmp_path: Path, server: FakeOpenAIServer, log_stream: io.StringIO
) -> None:
    runtime = remote_runtime(empty_url, tmp_path, server)
    app = create_app(runtime.settings, runtime=runtime)
    logging.getLogger("service").handlers[0].setStream(log_stream)  # type: ignore[attr-defined]
    _key, raw = KeyStore(runtime.store.engine).create("admin", "latin-names-ja")
    server.enqueue(
        Reply(text="木村様\n\nお問い合わせありがとうございます。確認いたします。\n\nSam")
    )
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {raw}"
        report = client.post("/v1/drafts", json=_request()).json()
        stored = client.get(f"/v1/drafts/{report['draft_id']}").json()
        audit = client.get("/v1/audit/export?format=jsonl").text
    runtime.store.close()
    assert server.requests, "the draft went to the provider"
    sinks = {
        **every_table(runtime),
        "provider": json.dumps(server.requests, ensure_ascii=False),
        # The POST response answers the caller with its own questions; the handoff it gets
        # and everything served back later are masked.
        "handoff and GET": json.dumps([report.get("handoff"), stored], ensure_ascii=False),
        "audit export": audit,
        "logs": log_stream.getvalue(),
    }
    assert_nowhere(sinks, PROBES)
