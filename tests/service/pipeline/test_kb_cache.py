"""Work that depends only on a knowledge base is cached by its content, never served stale."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails.kb_cache import content_key, kb_key
from service.models import KnowledgeArticle, Voice
from service.pipeline.context import context_articles, published_contacts

ARTICLE = KnowledgeArticle(
    id="contact",
    title="Contact us",
    url="https://help.example.com/contact",
    body="Write to support@example.com.",
    last_reviewed=dt.date(2026, 1, 5),
)


@pytest.mark.parametrize(
    "change",
    [
        {"id": "contact-2"},
        {"title": "Contact"},
        {"url": None},
        {"body": "Write to help@example.com."},
        {"last_reviewed": dt.date(2026, 1, 6)},
        {"audience": "internal"},
    ],
)
def test_any_changed_field_changes_the_key(change: dict[str, object]) -> None:
    changed = ARTICLE.model_copy(update=change)
    assert content_key([changed]) != content_key([ARTICLE])
    assert kb_key([changed]) != kb_key([ARTICLE])


def test_field_boundaries_count() -> None:
    a = ARTICLE.model_copy(update={"title": "Contact us", "body": "Write"})
    b = ARTICLE.model_copy(update={"title": "Contact usWrite", "body": ""})
    assert content_key([a]) != content_key([b])


def test_same_content_in_new_objects_gets_the_same_key_and_results() -> None:
    copy = KnowledgeArticle.model_validate(ARTICLE.model_dump())
    assert copy is not ARTICLE
    assert kb_key([copy]) == kb_key([ARTICLE])
    assert context_articles((copy,)) is context_articles((ARTICLE,))
    voice = Voice()
    assert published_contacts(voice, (copy,)) is published_contacts(voice, (ARTICLE,))


def test_contacts_follow_the_kb_and_the_voice() -> None:
    changed = ARTICLE.model_copy(update={"body": "Write to billing@example.com."})
    assert "billing@example.com" in published_contacts(Voice(), (changed,))
    assert "billing@example.com" not in published_contacts(Voice(), (ARTICLE,))
    voice = Voice(sign_off="Call 0120-123-456")
    assert "0120-123-456" in published_contacts(voice, (ARTICLE,))
    assert context_articles((changed,))[0].body == "Write to billing@example.com."
