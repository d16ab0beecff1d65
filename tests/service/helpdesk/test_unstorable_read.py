"""Personal data split by a NUL or a lone surrogate in a helpdesk's ticket is still masked.

The worker reads the ticket from the vendor's (loopback fake) API and drafts through litellm
to a loopback fake provider; nothing the customer wrote may reach that provider unmasked.
When such characters became U+FFFD, ``name\\0@example.org`` reached it as ``name``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from service.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.helpdesk.conftest import VendorCase, helpdesk_settings, postgres_url
from tests.service.helpdesk.test_hooks import run_worker
from tests.service.storage.conftest import pg_base_url  # noqa: F401  (fixture)

N, S = "\x00", "\ud800"
# Each value split by a NUL or a lone surrogate, as a helpdesk's API may return it.
SPLIT_MESSAGE = (
    f"Please write to dorothea.quill{N}@example.org or call +44 20 7946 {N}0123. "
    f"My card 4111{S}1111{S}1111{S}1111 was charged twice. "
    f"連絡先は 090-2468{N}-1357 、メールは m.sato{S}@example.jp です。"
)
PROBES = [
    "dorothea.quill",
    "example.org",
    "7946",
    "0123",
    "4111",
    "2468",
    "1357",
    "m.sato",
    "example.jp",
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path, server: FakeOpenAIServer) -> Settings:
    """Helpdesk settings drafting through the fake provider, on SQLite and on PostgreSQL."""
    url = (
        f"sqlite:///{tmp_path / 'replydraft.db'}"
        if request.param == "sqlite"
        else postgres_url(request)
    )
    base = helpdesk_settings(tmp_path, url)
    return base.model_copy(
        update={
            "llm_model": "openai/fake",
            "llm_api_base": server.api_base,
            "llm_api_key": SecretStr("k"),
            "llm_max_attempts": 1,
        }
    )


def _plant(value: Any) -> Any:
    """``value`` (a fake's ticket) with every prose string replaced by the split message."""
    if isinstance(value, str) and value.count(" ") >= 3:
        return SPLIT_MESSAGE
    if isinstance(value, dict):
        return {key: _plant(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plant(item) for item in value]
    return value


async def test_split_personal_data_read_from_a_helpdesk_never_reaches_the_model(
    client: TestClient, settings: Settings, case: VendorCase, server: FakeOpenAIServer
) -> None:
    case.fake.tickets[case.ticket_id] = _plant(case.fake.tickets[case.ticket_id])
    server.default = Reply(text="Hi,\n\nWe are looking into the double charge.\n\nSam")
    body, headers = case.webhook()
    answer = client.post(f"/v1/hooks/{case.vendor}", content=body, headers=headers).json()
    await run_worker(settings)

    delivery = client.get(f"/v1/deliveries/{answer['delivery_id']}").json()
    assert (delivery["status"], delivery["last_error"]) == ("delivered", None)
    assert server.requests, "the draft must have gone to the model"
    sent = json.dumps(server.requests, ensure_ascii=False)
    assert "Please write to" in sent  # the planted message itself was drafted
    assert [probe for probe in PROBES if probe in sent] == []
    assert N not in sent and "\ufffd" not in sent
