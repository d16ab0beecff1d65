"""``GET /metrics``: valid Prometheus text (parsed by the client library), no personal data."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests.service.conftest import en_request

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _samples(client: TestClient) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def _value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_a_draft_and_a_check_show_in_the_metrics(client: TestClient) -> None:
    before = _samples(client)
    client.post("/v1/drafts", json=en_request())
    draft = "Hi Maria,\n\nYour card 4111 1111 1111 1111 was refunded.\n\nSam"
    client.post("/v1/checks", json=en_request(draft=draft))
    after = _samples(client)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert (
        grew("replydraft_http_requests_total", method="POST", route="/v1/drafts", status="200") == 1
    )
    assert grew("replydraft_model_calls_total", model="offline", outcome="ok") == 1
    assert grew("replydraft_flags_total", kind="check", code="sensitive_pii", severity="block") >= 1
    assert grew("replydraft_pipeline_stage_seconds_count", kind="draft", stage="guardrails") == 1
    assert grew("replydraft_http_request_seconds_count", method="POST", route="/v1/checks") == 1


def test_metrics_hold_no_personal_data(client: TestClient) -> None:
    client.post("/v1/drafts", json=en_request())
    text = client.get("/metrics").text
    assert "Maria" not in text and "drf_" not in text
    # The order number as a whole number: its digits may occur inside a float sample's value.
    assert re.search(r"(?<![\d.])48213(?![\d.])", text) is None
