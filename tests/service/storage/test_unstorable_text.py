"""NUL and unpaired surrogates are a 422 naming the field on both stores, never a 503."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import URL

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from tests.service.conftest import en_request


@pytest.mark.parametrize(
    ("raw_body_fragment", "says"),
    # Pydantic's JSON parser already refuses lone surrogates; NUL is ours to refuse.
    [("Hello\\u0000there", "NUL"), ("Hello \\ud800 there", "unicode")],
)
def test_unstorable_characters_are_a_422_naming_the_field(
    empty_url: URL, tmp_path: Path, raw_body_fragment: str, says: str
) -> None:
    settings = Settings(
        database_url=empty_url.render_as_string(hide_password=False),
        data_dir=tmp_path,
        auth_disabled=True,
    )
    runtime = Runtime.build(settings)
    request = en_request()
    request["thread"]["messages"][0]["body"] = "PLACEHOLDER"
    raw = json.dumps(request).replace("PLACEHOLDER", raw_body_fragment)
    with TestClient(create_app(settings, runtime=runtime)) as client:
        response = client.post(
            "/v1/drafts", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "invalid_request"
        locations = [d["loc"] for d in error["details"]]
        assert ["body", "thread", "messages", "0", "body"] in locations
        assert says in error["details"][0]["msg"]
        # The same text without the character drafts and stores on this database.
        clean = raw.replace(raw_body_fragment, "Hello there")
        ok = client.post("/v1/drafts", content=clean, headers={"content-type": "application/json"})
        assert ok.status_code == 200
    runtime.store.close()


@pytest.mark.parametrize("character", ["\x00", "\ud800"])
def test_a_models_answer_with_unstorable_characters_is_drafted_and_stored(
    empty_url: URL, tmp_path: Path, character: str
) -> None:
    # The model, not the caller, wrote it: no 422, no 503; the replacement character stands in.
    from tests.fakes.openai_server import FakeOpenAIServer, Reply

    with FakeOpenAIServer() as server:
        server.default = Reply(text=f"Hi Maria,\n\nWe will refund{character} the charge.\n\nSam")
        settings = Settings(
            database_url=empty_url.render_as_string(hide_password=False),
            data_dir=tmp_path,
            auth_disabled=True,
            llm_model="openai/fake-model",
            llm_api_base=server.api_base,
            llm_api_key="test-key",
            llm_max_attempts=1,
        )
        runtime = Runtime.build(settings)
        with TestClient(create_app(settings, runtime=runtime)) as client:
            response = client.post("/v1/drafts", json=en_request())
            assert response.status_code == 200, response.text
            body = response.json()["body"]
            assert "refund\ufffd the charge" in body
            stored = client.get(f"/v1/drafts/{response.json()['draft_id']}")
            # Stored masked (names as placeholders), with the replacement character kept.
            assert stored.status_code == 200 and "refund\ufffd the charge" in stored.json()["body"]
        runtime.store.close()


def test_feedback_and_redact_refuse_nul_naming_the_field(empty_url: URL, tmp_path: Path) -> None:
    # Every request body shares the rule: feedback is stored (PostgreSQL would refuse it with a
    # 503), redact is not, but one edge rule keeps the answers alike.
    from sqlalchemy import func, select

    from service.storage.tables import FeedbackRow

    settings = Settings(
        database_url=empty_url.render_as_string(hide_password=False),
        data_dir=tmp_path,
        auth_disabled=True,
    )
    runtime = Runtime.build(settings)
    with TestClient(create_app(settings, runtime=runtime)) as client:
        draft_id = client.post("/v1/drafts", json=en_request()).json()["draft_id"]
        answers = {
            ("sent_text",): client.post(
                f"/v1/drafts/{draft_id}/feedback", json={"sent_text": "Hi\x00 Maria"}
            ),
            ("reason",): client.post(
                f"/v1/drafts/{draft_id}/feedback", json={"discarded": True, "reason": "no\x00"}
            ),
            ("text",): client.post("/v1/redact", json={"text": "Call me\x00 today"}),
        }
        for field, response in answers.items():
            assert response.status_code == 422, response.text
            error = response.json()["error"]
            assert error["code"] == "invalid_request"
            assert ["body", *field] in [d["loc"] for d in error["details"]]
            assert "NUL" in error["details"][0]["msg"]
        with runtime.store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(FeedbackRow)) == 0
        # Without the character the same feedback is recorded on this database.
        ok = client.post(f"/v1/drafts/{draft_id}/feedback", json={"sent_text": "Hi Maria"})
        assert ok.status_code == 200, ok.text
    runtime.store.close()
