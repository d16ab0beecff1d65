"""The stored request summary carries ids and counts, never customer text."""

from __future__ import annotations

import json

from service.models import DraftRequest
from service.storage import SUMMARY_KEYS, summarize_request


def test_summary_has_no_thread_text_or_names() -> None:
    request = DraftRequest.model_validate(
        {
            "thread": {
                "subject": "Double charge on order #48213",
                "messages": [
                    {
                        "role": "customer",
                        "author_name": "Maria Lopez",
                        "author_email": "maria@example.com",
                        "body": "Hi, I was charged twice.",
                    }
                ],
            },
            "customer": {"name": "Maria Lopez", "email": "maria@example.com", "locale": "en-US"},
            "voice_id": "acme",
            "knowledge_base_id": "kb1",
        }
    )
    summary = summarize_request(request)
    assert set(summary) <= SUMMARY_KEYS
    assert summary["voice_id"] == "acme"
    assert summary["knowledge_base_id"] == "kb1"
    assert summary["message_count"] == 1
    assert summary["customer_locale"] == "en-US"
    dumped = json.dumps(summary)
    for text in ("Maria", "maria@example.com", "charged", "48213"):
        assert text not in dumped
