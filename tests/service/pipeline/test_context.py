"""Building the guardrail context from a request."""

from __future__ import annotations

from guardrails.context import Message
from service.models import KnowledgeArticle, Voice
from service.pipeline.context import customer_language, published_contacts


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


def test_kanji_only_message_is_answered_in_japanese() -> None:
    assert customer_language((Message(role="customer", body="領収書"),), None) == "ja"
    # Kanji from the extension blocks and 々 are kanji too (guardrails.language.KANJI).
    assert customer_language((Message(role="customer", body="𠮷"),), None) == "ja"
    assert customer_language((Message(role="customer", body="々"),), None) == "ja"
    assert customer_language((Message(role="customer", body="Refund please"),), None) == "en"
    assert customer_language((Message(role="customer", body="返金 refund"),), None) == "en"
