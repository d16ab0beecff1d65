"""The PII-free summary of a request that is stored next to its report."""

from __future__ import annotations

from collections.abc import Mapping

from service.models import DraftRequest

# Ids, counts and settings only: nothing a customer wrote, nothing that names a person.
SUMMARY_KEYS = frozenset(
    {
        "voice_id",
        "knowledge_base_id",
        "message_count",
        "customer_locale",
        "channel",
        "article_count",
        "attachment_count",
        "inline_voice",
        "requested_model",
    }
)


def summarize_request(request: DraftRequest) -> dict[str, object]:
    """Build the ``request_summary`` to store for ``request`` (ids and counts, no text)."""
    return {
        "voice_id": request.voice_id,
        "knowledge_base_id": request.knowledge_base_id,
        "message_count": len(request.thread.messages),
        "customer_locale": request.customer.locale,
        "channel": request.thread.channel,
        "article_count": len(request.knowledge_base or []),
        "attachment_count": len(request.attachments),
        "inline_voice": request.voice is not None,
        "requested_model": request.model,
    }


def check_summary(summary: Mapping[str, object]) -> dict[str, object]:
    """Return ``summary`` as a dict, or raise ValueError if it has a key outside SUMMARY_KEYS."""
    unknown = sorted(set(summary) - SUMMARY_KEYS)
    if unknown:
        raise ValueError(f"request_summary keys not allowed (may carry PII): {unknown}")
    return dict(summary)
