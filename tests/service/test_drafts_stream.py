"""``POST /v1/drafts/stream``: deltas that add up to the body, then the report; errors as JSON."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from service.pipeline.at_rest import text_at_rest
from service.routes.drafts_stream import body_pieces
from service.runtime import Runtime
from tests.service.conftest import en_request


def _events(text: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream."""
    events = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], fields["data"]))
    return events


def test_deltas_then_the_report_and_the_deltas_are_the_body(client: TestClient) -> None:
    response = client.post("/v1/drafts/stream", json=en_request())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _events(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "report" and kinds.count("report") == 1
    assert len(kinds) > 3 and set(kinds[:-1]) == {"delta"}
    report = json.loads(events[-1][1])
    assert "".join(json.loads(data)["text"] for _, data in events[:-1]) == report["body"]
    assert report["draft_id"].startswith("drf_")


def test_the_streamed_draft_is_stored_like_a_plain_one(
    client: TestClient, runtime: Runtime
) -> None:
    events = _events(client.post("/v1/drafts/stream", json=en_request()).text)
    report = json.loads(events[-1][1])
    stored = client.get(f"/v1/drafts/{report['draft_id']}")
    assert stored.status_code == 200
    # Stored masked at rest, like every draft: the same body once masked.
    masked = text_at_rest(runtime.resources.pii, report["body"], report["language"])
    assert stored.json()["body"] == masked


def test_a_bad_request_is_a_json_error_not_a_stream(client: TestClient) -> None:
    response = client.post("/v1/drafts/stream", json={"thread": {"messages": []}})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_an_unknown_voice_is_422_before_the_stream(client: TestClient) -> None:
    request = en_request(voice=None, voice_id="no-such-voice")
    response = client.post("/v1/drafts/stream", json=request)
    assert response.status_code == 422
    assert "unknown voice" in response.json()["error"]["message"]


def test_an_unknown_id_is_not_echoed(client: TestClient) -> None:
    # A caller's id is their text: the error names the field, never the value sent.
    planted = "maria.lopez.1985-04-15"  # a name and a birth date typed as an id
    for field, kind in (("voice_id", "voice"), ("knowledge_base_id", "knowledge_base")):
        request = en_request(**{field: planted, kind: None})
        response = client.post("/v1/drafts/stream", json=request)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_request"
        assert planted not in response.text
        assert f"no {kind.replace('_', ' ')} is stored" in response.json()["error"]["message"]


@pytest.mark.parametrize("client_role", ["auditor"])
def test_an_auditor_may_not_draft(client: TestClient) -> None:
    response = client.post("/v1/drafts/stream", json=en_request())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_no_key_is_401(client: TestClient) -> None:
    del client.headers["Authorization"]
    response = client.post("/v1/drafts/stream", json=en_request())
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        "Hi Maria,\n\nWe refund the duplicate charge.\n\nSam",
        "田中様\n\nお問い合わせいただきありがとうございます。返金手続きは5営業日以内に完了いたします。",
        "  leading and trailing space  \n",
        "",
    ],
)
def test_pieces_concatenate_to_the_body_and_stay_small(body: str) -> None:
    pieces = list(body_pieces(body))
    assert "".join(pieces) == body
    assert all(len(p.strip()) <= 12 for p in pieces)
