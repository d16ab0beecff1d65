"""Issue 13 through ``/v1/checks``: the channel reaches the checks, flags carry suggestions,
and an escalation fills the report's masked ``handoff``."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.service.conftest import en_request


def test_chat_draft_with_email_phrasing_gets_a_suggestion(client: TestClient) -> None:
    request = en_request(draft="Sure! Refunds take 5-10 business days. Just reply to this email.")
    request["thread"]["channel"] = "chat"
    report = client.post("/v1/checks", json=request).json()
    [flag] = [f for f in report["flags"] if f["code"] == "channel_rule"]
    body = report["body"]
    assert body[flag["span"]["start"] : flag["span"]["end"]] == "this email"
    assert flag["suggestion"] == "this chat" and flag["severity"] == "verify"
    assert report["handoff"] is None


def test_escalation_fills_a_masked_handoff(client: TestClient) -> None:
    request = en_request(draft="Hi Maria,\n\nI'm sorry about the double charge.\n\nBest,\nSam")
    request["thread"]["messages"][0]["body"] = (
        "I was charged twice for order #48213. I want to speak to your manager, "
        "or I'll file a chargeback. Reach me at maria.lopez@example.com."
    )
    report = client.post("/v1/checks", json=request).json()
    assert "escalation" in {f["code"] for f in report["flags"]}
    handoff = report["handoff"]
    assert "manager" in handoff and "chargeback" in handoff and "#48213" in handoff
    assert "maria.lopez@example.com" not in handoff
