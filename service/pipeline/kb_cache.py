"""Content keys for knowledge bases: the service's name for ``guardrails.kb_cache``.

One source for the KB content hash and the caches keyed by it: retrieval, the article list
and the published contacts here, and the guardrails' KB indexes there, share one key per KB.
The code lives in ``guardrails`` because guardrails may not import the service.
"""

from __future__ import annotations

from guardrails.kb_cache import DerivedCache, KBArticle, content_key, kb_key

__all__ = ["DerivedCache", "KBArticle", "content_key", "kb_key"]
