"""The feedback loop: sent text stored masked, edit distances, flags fixed or ignored, metrics."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from service.storage.tables import FeedbackRow
from tests.service.conftest import en_request

CARD = "4111 1111 1111 1111"
DRAFT = "Hi Maria,\n\nWe refunded the charge. [CUSTOMER NAME] TODO\n\nSam"


@pytest.fixture
def api(settings: Settings, runtime: Runtime) -> Iterator[dict[str, TestClient]]:
    keys = KeyStore(runtime.store.engine)
    clients = {}
    app = create_app(settings, runtime=runtime)
    for role in ("agent", "engineer"):
        client = TestClient(app)
        client.headers["Authorization"] = f"Bearer {keys.create(role, role)[1]}"
        clients[role] = client
    other = TestClient(app)
    other.headers["Authorization"] = f"Bearer {keys.create('agent', 'x', tenant='other')[1]}"
    clients["other"] = other
    yield clients


def test_sent_text_is_stored_masked_with_edit_facts(
    api: dict[str, TestClient], runtime: Runtime
) -> None:
    agent = api["agent"]
    check = agent.post("/v1/checks", json=en_request(draft=DRAFT)).json()
    assert {"placeholder_left"} <= {f["code"] for f in check["flags"]}
    sent = f"Hi Maria,\n\nWe refunded the charge to card {CARD}.\n\nSam"
    answer = agent.post(f"/v1/drafts/{check['draft_id']}/feedback", json={"sent_text": sent})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["outcome"] == "sent" and result["char_distance"] > 0
    assert "placeholder_left" in result["flags_resolved"]
    assert result["seconds_to_send"] is not None
    with runtime.store.engine.connect() as connection:
        row = connection.execute(select(FeedbackRow)).mappings().one()
    assert CARD not in (row["sent_text"] or "") and "<CREDIT_CARD_" in row["sent_text"]
    assert "Maria" not in row["sent_text"]


def test_discarded_with_a_reason_and_bad_bodies(api: dict[str, TestClient]) -> None:
    agent = api["agent"]
    draft = agent.post("/v1/drafts", json=en_request()).json()
    path = f"/v1/drafts/{draft['draft_id']}/feedback"
    done = agent.post(path, json={"discarded": True, "reason": "Wrong tone for Maria Lopez"})
    assert done.status_code == 200 and done.json()["outcome"] == "discarded"
    for bad in ({}, {"sent_text": "x", "discarded": True}, {"sent_text": "  "}):
        refused = agent.post(path, json=bad)
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_request"
    assert agent.post("/v1/drafts/drf_nope/feedback", json={"discarded": True}).status_code == 404
    # Another tenant's draft is not found either.
    assert api["other"].post(path, json={"discarded": True}).status_code == 404


def test_metrics_per_model_and_prompt_version(api: dict[str, TestClient]) -> None:
    agent, engineer = api["agent"], api["engineer"]
    first = agent.post("/v1/drafts", json=en_request()).json()
    second = agent.post("/v1/drafts", json=en_request()).json()
    agent.post(f"/v1/drafts/{first['draft_id']}/feedback", json={"sent_text": first["body"]})
    agent.post(f"/v1/drafts/{second['draft_id']}/feedback", json={"discarded": True})
    assert agent.get("/v1/metrics/drafts").status_code == 403
    groups = engineer.get("/v1/metrics/drafts").json()["groups"]
    (offline,) = [g for g in groups if g["model"] == "offline"]
    assert offline["drafts"] == 2 and offline["sent"] == 1 and offline["discarded"] == 1
    assert offline["acceptance_rate"] == 0.5
    assert offline["mean_char_distance"] == 0  # sent unchanged
    later = engineer.get("/v1/metrics/drafts", params={"from": "2999-01-01T00:00:00"}).json()
    assert later["groups"] == []
