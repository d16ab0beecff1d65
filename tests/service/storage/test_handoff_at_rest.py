"""The escalation handoff through the API with a remote model, on SQLite and PostgreSQL: threads
that call for escalation quote planted values of every kind in the asks and the agent's last
step; the handoff the caller gets, the stored copies, every table and the logs hold none of
them. The summary reuses the findings of the prompt's masking: the check never reads it whole;
its copy in the stored flag's evidence is masked again at rest, as every evidence is."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import URL

from service.app import create_app
from service.runtime import Runtime
from service.storage.keys import KeyStore
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.storage.conftest import assert_nowhere, every_table, remote_runtime

EN_NAME = "Rosalind Featherstone"
JA_NAME = "山田 太郎"

# (language, the latest customer turn, the agent's reply before it, types the handoff names)
THREADS = [
    (
        "en",
        "I want to speak to your manager. Can you refund card 4111 1111 1111 1111 to "
        "rosalind.featherstone (at) example (dot) org?",
        "Thanks for waiting. Our billing lead Bartholomew Quaile called +1 (415) 867-5309.",
        ["<CREDIT_CARD>", "<EMAIL_ADDRESS>", "<PERSON>", "<PHONE_NUMBER>"],
    ),
    (
        "en",
        f"I want to speak to your manager. Can you send it to IBAN gb82 west 1234 5698 7654 32 "
        f"for {EN_NAME}?",
        "Thanks for waiting. We checked SSN 078-05-1120 and your password Tr0ub4dorZebra.",
        ["<IBAN_CODE>", "<PERSON>", "<US_SSN>", "<PASSWORD>"],
    ),
    (
        "ja",
        "上司を出してください。書類は東京都千代田区丸の内一丁目二番三号の"
        f"{JA_NAME}宛に送っていただけますか？",
        "お問い合わせありがとうございます。"
        "担当の佐藤 花子（０３－１２３４－５６７８）から折り返します。",
        ["<JP_ADDRESS>", "<PERSON>", "<PHONE_NUMBER>"],
    ),
    (
        "ja",
        "上司を出してください。控えをｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐに送っていただけますか？",
        "お問い合わせありがとうございます。マイナンバー123456789018を〒100-0005の住所で確認しました。",
        ["<EMAIL_ADDRESS>", "<JP_MY_NUMBER>", "<JP_POSTAL_CODE>"],
    ),
]
PROBES = [
    "4111 1111 1111 1111",
    "4111111111111111",
    "rosalind.featherstone",
    "Featherstone",
    "Bartholomew",
    "867-5309",
    "gb82 west",
    "GB82WEST",
    "078-05-1120",
    "Tr0ub4dorZebra",
    "丸の内一丁目",
    "山田 太郎",
    "佐藤 花子",
    "１２３４－５６７８",
    "ｙａｍａｄａ",
    "123456789018",
    "100-0005",
]


def _request(language: str, latest: str, agent: str) -> dict[str, Any]:
    name = EN_NAME if language == "en" else JA_NAME
    first = "I have a question about my invoice." if language == "en" else "請求書の質問です。"
    return {
        "thread": {
            "subject": "Invoice" if language == "en" else "請求書について",
            "messages": [
                {"role": "customer", "author_name": name, "body": first},
                {"role": "agent", "author_name": "Sam", "body": agent},
                {"role": "customer", "author_name": name, "body": latest},
            ],
        },
        "customer": {"name": name, "locale": "en-US" if language == "en" else "ja-JP"},
        "agent": {"name": "Sam"},
    }


def _summaries_analysed(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every handoff summary (a text opening "Escalation:") the runtime's engine analyses."""
    engine = runtime.resources.pii.get()
    analyze: Callable[..., Any] = engine.analyze
    seen: list[str] = []

    def spy(text: str, *args: Any, **kwargs: Any) -> Any:
        if text.startswith("Escalation:"):
            seen.append(text)
        return analyze(text, *args, **kwargs)

    monkeypatch.setattr(engine, "analyze", spy)
    return seen


def test_no_handoff_copy_holds_a_planted_value(
    empty_url: URL, tmp_path: Path, server: FakeOpenAIServer, log_stream: io.StringIO
) -> None:
    runtime = remote_runtime(empty_url, tmp_path, server)
    app = create_app(runtime.settings, runtime=runtime)
    logging.getLogger("service").handlers[0].setStream(log_stream)  # type: ignore[attr-defined]
    _key, raw = KeyStore(runtime.store.engine).create("admin", "handoff")
    served: list[str] = []
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {raw}"
        for language, latest, agent, types in THREADS:
            # A reply in the thread's language: the stored copy is masked in the draft's.
            reply = "Hello,\n\nWe are looking into it." if language == "en" else "確認いたします。"
            server.enqueue(Reply(text=reply + "\n\nSam"))
            report = client.post("/v1/drafts", json=_request(language, latest, agent)).json()
            handoff = report["handoff"]
            assert "escalation" in {f["code"] for f in report["flags"]}
            assert [t for t in types if t not in handoff] == [], handoff
            stored = client.get(f"/v1/drafts/{report['draft_id']}").json()
            assert stored["handoff"] == handoff
            served += [handoff, json.dumps(stored, ensure_ascii=False)]
        served.append(client.get("/v1/audit/export?format=jsonl").text)
    runtime.store.close()
    sinks = {
        **every_table(runtime),
        "handoffs and GET responses": "\n".join(served),
        "logs": log_stream.getvalue(),
    }
    assert_nowhere(sinks, PROBES)


def test_the_check_reuses_the_prompts_findings_and_the_request_names(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    runtime = remote_runtime(make_url(f"sqlite:///{tmp_path / 'db.sqlite'}"), tmp_path, server)
    app = create_app(runtime.settings, runtime=runtime)
    _key, raw = KeyStore(runtime.store.engine).create("admin", "handoff")
    seen = _summaries_analysed(runtime, monkeypatch)
    # A name no recognizer finds on its own: the request gives it, so it is masked.
    name = "青空 光"
    latest = f"上司を出してください。書類は{name}宛に送っていただけますか？"
    request = _request("ja", latest, "確認します。")
    request["customer"]["name"] = name
    for message in request["thread"]["messages"]:
        if message["role"] == "customer":
            message["author_name"] = name
    server.enqueue(Reply(text="承知しました。\n\nSam"))
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {raw}"
        report = client.post("/v1/drafts", json=request).json()
        stored = client.get(f"/v1/drafts/{report['draft_id']}").json()
    runtime.store.close()
    assert "<PERSON>" in report["handoff"] and name not in report["handoff"]
    assert name not in json.dumps(stored, ensure_ascii=False)
    # Once: the check masks it from the prompt's findings; the at-rest pass reads the stored
    # flag's evidence (the handoff) again, whatever the check did.
    assert seen == [report["handoff"]]
    [flag] = [f for f in stored["flags"] if f["code"] == "escalation"]
    assert flag["evidence"] == stored["handoff"] == report["handoff"]
