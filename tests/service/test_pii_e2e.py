"""Personal data never reaches the provider: drafting through litellm against a recording
OpenAI-compatible server on loopback (the fake provider), with real Presidio masking."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.models import DraftRequest
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.conftest import en_request


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


def _runtime(tmp_path: Path, server: FakeOpenAIServer) -> Runtime:
    return Runtime.build(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
            llm_model="openai/fake-model",
            llm_api_base=server.api_base,
            llm_api_key="test-key",
            llm_max_attempts=1,
        )
    )


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
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(request))
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
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(request))
    sent = _sent(server)
    for kind, value in JA_SECRETS.items():
        assert value not in sent, kind
    assert "山田" not in sent and "太郎" not in sent
    assert report.body.startswith("山田様")


async def test_offline_backend_masks_nothing(tmp_path: Path, server: FakeOpenAIServer) -> None:
    request = DraftRequest.model_validate(en_request(model="offline"))
    report = await _runtime(tmp_path, server).draft(request)
    assert report.redactions.inbound == {} and server.requests == []
