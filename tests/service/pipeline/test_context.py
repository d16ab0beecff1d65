"""Building the guardrail context from a request."""

from __future__ import annotations

from service.models import KnowledgeArticle, Voice
from service.pipeline.context import published_contacts


def test_published_contacts_come_from_the_voice_and_kb() -> None:
    voice = Voice(guide="Escalations go to escalations@example.com.", sign_off="Call 0120-123-456")
    articles = (
        KnowledgeArticle(
            id="contact",
            title="Contact us",
            url="https://help.example.com/contact",
            body="Write to support@example.com or call +1 800 555 0100 (9-17h).",
        ),
    )
    contacts = published_contacts(voice, articles)
    assert set(contacts) >= {
        "https://help.example.com/contact",
        "escalations@example.com",
        "support@example.com",
        "+1 800 555 0100",
        "0120-123-456",
    }
