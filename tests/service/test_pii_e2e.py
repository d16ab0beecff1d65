"""Personal data never reaches the provider: drafting through litellm against a recording
OpenAI-compatible server on loopback (the fake provider), with real Presidio masking."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.models import DraftRequest
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import fake_model_runtime
from tests.service.conftest import en_request
from tests.service.test_redact import long_japanese


def my_number(first11: str) -> str:
    """A My Number with a valid check digit (the public algorithm)."""
    digits = [int(d) for d in reversed(first11)]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(digits, start=1))
    remainder = total % 11
    return first11 + str(0 if remainder <= 1 else 11 - remainder)


EN_SECRETS = {
    "email": "maria.lopez@example.org",
    "phone": "(415) 867-5309",
    "card": "4111 1111 1111 1111",
    "name": "Maria Lopez",
}
JA_SECRETS = {
    "name": "山田 太郎",
    "phone": "090-1234-5678",
    "my_number": my_number("12345678901"),
    "email": "taro.yamada@example.jp",
}


def _greet_customer(payload: dict[str, Any]) -> str:
    """Answer like a model would: greet as the system prompt says (with a placeholder)."""
    system = payload["messages"][0]["content"]
    english = re.search(r'first name: "(Hi [^"]+)"', system)
    japanese = re.search(r"「([^」]+様)」", system)
    greeting = english.group(1) if english else japanese.group(1) if japanese else "Hello,"
    return f"{greeting}\n\nThanks for writing. We are checking this.\n\nSam"


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(respond=_greet_customer)
        yield fake


def _sent(server: FakeOpenAIServer) -> str:
    return json.dumps(server.requests, ensure_ascii=False)


async def test_english_thread_pii_never_reaches_the_provider(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    body = (
        f"Hello, I am {EN_SECRETS['name']}. My card {EN_SECRETS['card']} was charged twice. "
        f"Email me at {EN_SECRETS['email']} or call {EN_SECRETS['phone']}. Can you refund it?"
    )
    request = en_request(customer={"name": EN_SECRETS["name"], "email": EN_SECRETS["email"]})
    request["thread"]["messages"][0]["body"] = body
    report = await fake_model_runtime(tmp_path, server.api_base).draft(
        DraftRequest.model_validate(request)
    )
    sent = _sent(server)
    for kind, value in EN_SECRETS.items():
        assert value not in sent, kind
    assert "Maria" not in sent and "4111" not in sent
    assert "<PERSON_1>" in sent
    assert "Hi <PERSON_" in _greet_customer(server.requests[0])  # the model saw a placeholder
    assert report.body.startswith("Hi Maria,")  # restored: the customer's own first name
    assert report.redactions.inbound.get("CREDIT_CARD", 0) >= 1
    assert report.model == "openai/fake-model"


async def test_japanese_thread_pii_never_reaches_the_provider(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    body = (
        f"お世話になっております。{JA_SECRETS['name']}です。\n"
        f"マイナンバーは{JA_SECRETS['my_number']}です。電話番号は{JA_SECRETS['phone']}、"
        f"メールは{JA_SECRETS['email']}です。\n請求書はどこからダウンロードできますか。"
    )
    request = en_request(customer={"name": JA_SECRETS["name"], "locale": "ja-JP"})
    request["thread"]["messages"][0].update(body=body, author_name=JA_SECRETS["name"])
    report = await fake_model_runtime(tmp_path, server.api_base).draft(
        DraftRequest.model_validate(request)
    )
    sent = _sent(server)
    for kind, value in JA_SECRETS.items():
        assert value not in sent, kind
    assert "山田" not in sent and "太郎" not in sent
    assert report.body.startswith("山田様")


async def test_a_mixed_thread_masks_each_message_in_its_own_language(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # The latest message is English, so the thread is; the earlier Japanese one still has its
    # address, postal code and a colleague's name (no name the request gives) masked.
    earlier = "書類は東京都千代田区丸の内一丁目二番三号（〒100-0005）の高橋さん宛にお願いします。"
    latest = "Sorry, I will write in English. Did you send the papers? Call me on (646) 555-0173."
    request = en_request(customer={"name": "Hanako Tanaka", "locale": "ja-JP"})
    request["thread"]["messages"] = [
        {"role": "customer", "author_name": "Hanako Tanaka", "body": earlier},
        {"role": "agent", "author_name": "Sam", "body": "確認いたします。"},
        {"role": "customer", "author_name": "Hanako Tanaka", "body": latest},
    ]
    await fake_model_runtime(tmp_path, server.api_base).draft(DraftRequest.model_validate(request))
    sent = _sent(server)
    for value in ("丸の内一丁目", "100-0005", "高橋", "555-0173"):
        assert value not in sent, value


async def test_offline_backend_masks_nothing(tmp_path: Path, server: FakeOpenAIServer) -> None:
    request = DraftRequest.model_validate(en_request(model="offline"))
    report = await fake_model_runtime(tmp_path, server.api_base).draft(request)
    assert report.redactions.inbound == {} and server.requests == []


ZW, WJ = "\u200b", "\u2060"
# Disguised values (issue 9) and a visible piece of each that must not reach the provider.
DISGUISED = {
    f"4111{ZW}1111{ZW}1111{ZW}1111": "4111",
    f"maria{ZW}.lopez@example.com": "lopez",
    "jane.roe (at) example (dot) org": "jane.roe",
    "(415) 555-O132": "O132",
    f"219{WJ}-09-{WJ}9999": "9999",
    f"GB82{ZW}WEST{ZW}1234{ZW}5698{ZW}7654{ZW}32": "WEST",
    "5555.5555.5555.4444": "4444",
}


async def test_disguised_values_never_reach_the_provider(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    values = list(DISGUISED)
    body = (
        f"Hello, my card {values[0]} was charged twice, and my old card {values[6]} too. "
        f"Email me at {values[1]} or {values[2]}, or call {values[3]}. "
        f"My SSN is {values[4]} and the refund can go to IBAN {values[5]}. "
        "My new password is Tr0ub4dor&3, and my pw: ggbszawojpk. Can you refund it?"
    )
    request = en_request()
    request["thread"]["messages"][0]["body"] = body
    report = await fake_model_runtime(tmp_path, server.api_base).draft(
        DraftRequest.model_validate(request)
    )
    sent = _sent(server)
    assert server.requests, "the provider was not called"
    for value, piece in DISGUISED.items():
        assert value not in sent and piece not in sent, piece
    assert "Tr0ub4dor" not in sent and "ggbszawojpk" not in sent
    assert report.redactions.inbound.get("CREDIT_CARD", 0) >= 2


async def test_an_echoed_disguised_card_in_the_draft_is_flagged(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.default = Reply(
        text=f"Hi Maria,\n\nWe refunded the card 4111{ZW}1111{ZW}1111{ZW}1111.\n\nSam"
    )
    report = await fake_model_runtime(tmp_path, server.api_base).draft(
        DraftRequest.model_validate(en_request())
    )
    flagged = [f for f in report.flags if f.code == "sensitive_pii"]
    assert flagged and flagged[0].evidence == "CREDIT_CARD"
    span = flagged[0].span
    assert span is not None
    assert report.body[span.start : span.end] == f"4111{ZW}1111{ZW}1111{ZW}1111"


def test_a_60000_character_japanese_thread_drafts(client: TestClient) -> None:
    request = en_request(customer={"name": "山田太郎", "locale": "ja-JP"})
    request["thread"]["messages"] = [
        {"role": "customer", "author_name": "山田太郎", "body": long_japanese(50_000)},
        {"role": "customer", "author_name": "山田太郎", "body": long_japanese(10_000)},
    ]
    response = client.post("/v1/drafts", json=request)
    assert response.status_code == 200, response.text[:200]
    assert response.json()["language"] == "ja"


@pytest.mark.parametrize(
    ("name", "locale", "body", "pieces"),
    [
        (
            "Maria Lopez",
            "en-US",
            "Hello, please ship it to 1600 Lopez Street, Springfield, IL 62704. Thanks!",
            ["1600", "Springfield", "62704"],
        ),
        (
            "山田 太郎",
            "ja-JP",
            "お世話になっております。東京都千代田区山田町一丁目二番三号に送ってください。",
            ["千代田区", "一丁目", "二番"],
        ),
    ],
)
async def test_an_address_holding_the_customers_name_never_reaches_the_provider(
    tmp_path: Path, server: FakeOpenAIServer, name: str, locale: str, body: str, pieces: list[str]
) -> None:
    request = en_request(customer={"name": name, "locale": locale})
    request["thread"]["messages"][0].update(body=body, author_name=name)
    await fake_model_runtime(tmp_path, server.api_base).draft(DraftRequest.model_validate(request))
    sent = _sent(server)
    assert server.requests, "the provider was not called"
    for piece in pieces:
        assert piece not in sent, piece
