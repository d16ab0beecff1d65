"""Nothing raw at rest when the reply is in another language than the customer's text, on SQLite
and PostgreSQL: a Japanese thread answered in English and an English thread answered in
Japanese, drafted through a remote model and checked, each with values only its own language's
recognizers find. The stored copies (masked in the draft's language once), every table, the GET
responses, the audit export and the logs hold none of them."""

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

# Japanese values: an address, a landline, a name with さん (no name the request gives), a My
# Number and a postal code; the customer asks for something the English reply never gives.
JA_ASK = (
    "書類を東京都千代田区丸の内一丁目二番三号（〒100-0005）の高橋さん宛に送っていただけますか？"
    "マイナンバーは123456789018、電話は03-3210-7788です。"
)
JA_PROBES = [
    "丸の内一丁目",
    "千代田区丸の内",
    "100-0005",
    "1000005",
    "高橋",
    "123456789018",
    "03-3210-7788",
    "0332107788",
]
# English values: an e-mail, an SSN, a card, a US phone and a name the request does not give.
EN_ASK = (
    "Could you send the forms to Thaddeus Wainwright at thaddeus.wainwright@example.org? "
    "His SSN is 219-09-9999, card 4111 1111 1111 1111, phone (646) 555-0173."
)
EN_PROBES = [
    "Thaddeus",
    "Wainwright",
    "thaddeus.wainwright",
    "219-09-9999",
    "219099999",
    "4111 1111 1111 1111",
    "4111111111111111",
    "555-0173",
    "5550173",
]
# (the customer's language, the customer's message, the reply in the other language)
THREADS = [
    ("ja", JA_ASK, "Hello,\n\nThank you for your message. We will look into it.\n\nSam"),
    ("en", EN_ASK, "お問い合わせありがとうございます。確認いたします。\n\nSam"),
]


def _request(language: str, body: str) -> dict[str, Any]:
    name, locale = ("田中 花子", "ja-JP") if language == "ja" else ("Maria Lopez", "en-US")
    return {
        "thread": {
            "subject": "書類の送付" if language == "ja" else "Forms",
            "messages": [{"role": "customer", "author_name": name, "body": body}],
        },
        "customer": {"name": name, "locale": locale},
        "agent": {"name": "Sam"},
    }


def test_no_copy_holds_a_value_of_the_other_language(
    empty_url: URL, tmp_path: Path, server: FakeOpenAIServer, log_stream: io.StringIO
) -> None:
    runtime = remote_runtime(empty_url, tmp_path, server)
    app = create_app(runtime.settings, runtime=runtime)
    logging.getLogger("service").handlers[0].setStream(log_stream)  # type: ignore[attr-defined]
    _key, raw = KeyStore(runtime.store.engine).create("admin", "mismatch")
    served: list[str] = []
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {raw}"
        for language, ask, reply in THREADS:
            request = _request(language, ask)
            server.enqueue(Reply(text=reply))
            draft = client.post("/v1/drafts", json=request).json()
            check = client.post("/v1/checks", json={**request, "draft": reply}).json()
            for report in (draft, check):
                # The reply is in the other language; the caller's report quotes the ask.
                assert report["language"] != language
                assert report["questions"] and report["questions"][0]["text"] in ask
                served.append(
                    json.dumps(
                        client.get(f"/v1/drafts/{report['draft_id']}").json(), ensure_ascii=False
                    )
                )
        served.append(client.get("/v1/audit/export?format=jsonl").text)
    runtime.store.close()
    sinks = {
        **every_table(runtime),
        "GET responses and audit export": "\n".join(served),
        "logs": log_stream.getvalue(),
    }
    assert_nowhere(sinks, [*JA_PROBES, *EN_PROBES])
