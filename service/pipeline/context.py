"""Turn a validated request into normalised messages and the guardrail context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.context import (
    Article,
    GuardrailContext,
    GuardrailSettings,
    Message,
    Person,
    VoiceRules,
)
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.language import detect_language
from service.models import DraftRequest, KnowledgeArticle, SavedReply, Voice
from service.pipeline.normalise import normalise_body
from service.settings import Settings


@dataclass(frozen=True)
class ResolvedRequest:
    """A request with its stored voice, knowledge base and saved reply looked up."""

    request: DraftRequest
    voice: Voice
    articles: tuple[KnowledgeArticle, ...]
    saved_reply: SavedReply | None = None  # the one ``saved_reply_id`` names
    # Without ``saved_reply_id``: the tenant's saved replies the drafter may pick from.
    saved_reply_candidates: tuple[SavedReply, ...] = ()


def normalise_messages(request: DraftRequest) -> tuple[Message, ...]:
    """Every thread message with HTML, quoted history and signature stripped."""
    messages = []
    for message in request.thread.messages:
        cleaned = normalise_body(message.body)
        messages.append(
            Message(
                role=message.role,
                body=cleaned.body,
                author_name=message.author_name,
                author_email=message.author_email,
                signature=cleaned.signature,
                quoted=cleaned.quoted,
            )
        )
    return tuple(messages)


def customer_language(messages: tuple[Message, ...], locale: str | None) -> str:
    """The language to reply in: that of the latest customer turn, else the customer's locale."""
    latest = [m.body for m in messages if m.role == "customer"][-1:]
    text = "\n".join(latest)
    if text.strip():
        return detect_language(text)
    return "ja" if (locale or "").lower().startswith("ja") else "en"


_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email
    r"|https?://[^\s)>\]]+"  # url
    r"|\+?\d(?:[\d-]| (?=\d)){6,}\d"  # phone-like number
)


def published_contacts(voice: Voice, articles: tuple[KnowledgeArticle, ...]) -> tuple[str, ...]:
    """The company's own published contacts: emails, URLs and numbers in the voice and KB.

    These are never masked or flagged as personal data (the help center prints them).
    Cached by the voice's texts and the KB's content key: the same voice and KB give the
    same tuple, so what guardrails derive from it can be cached by it too.
    """
    texts = (voice.guide, voice.sign_off or "", voice.greeting or "")

    def build() -> tuple[str, ...]:
        found = [a.url for a in articles if a.url]
        for text in texts:
            found += _CONTACT.findall(text)
        for article in articles:
            found += _CONTACT.findall(article.body)
        return tuple(dict.fromkeys(value.rstrip(".,;") for value in found))

    return _CONTACTS.get((texts, kb_key(articles)), build)


def context_articles(articles: tuple[KnowledgeArticle, ...]) -> tuple[Article, ...]:
    """The guardrails' view of a KB's articles; the same tuple for the same KB content."""
    return _ARTICLES.get(
        kb_key(articles),
        lambda: tuple(
            Article(
                id=a.id,
                title=a.title,
                body=a.body,
                url=a.url,
                last_reviewed=a.last_reviewed,
                audience=a.audience,
            )
            for a in articles
        ),
    )


_CONTACTS: DerivedCache[tuple[tuple[str, ...], str], tuple[str, ...]] = DerivedCache()
_ARTICLES: DerivedCache[str, tuple[Article, ...]] = DerivedCache(16)


def build_context(
    resolved: ResolvedRequest,
    messages: tuple[Message, ...],
    language: str,
    draft_language: str,
    settings: Settings,
) -> GuardrailContext:
    """The guardrail context for one request."""
    request, voice = resolved.request, resolved.voice
    customer = request.customer
    return GuardrailContext(
        messages=messages,
        customer_language=language,
        draft_language=draft_language,
        customer=Person(
            name=customer.name or _first_customer_author(request),
            email=customer.email,
            company=customer.company,
            username=customer.username,
        ),
        agent=Person(name=request.agent.name, title=request.agent.title),
        voice=VoiceRules(
            brand=voice.brand,
            banned_phrases=tuple(voice.banned_phrases),
            glossary=tuple(voice.glossary.items()),
            published_contacts=published_contacts(voice, resolved.articles),
        ),
        articles=context_articles(resolved.articles),
        attachments=tuple(a.filename for a in request.attachments),
        subject=request.thread.subject,
        channel=request.thread.channel,
        settings=GuardrailSettings(
            stale_article_days=settings.stale_article_days,
            link_allow_list=tuple(settings.link_allow_list),
        ),
    )


def _first_customer_author(request: DraftRequest) -> str | None:
    for message in request.thread.messages:
        if message.role == "customer" and message.author_name:
            return message.author_name
    return None
