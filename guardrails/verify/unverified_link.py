"""``unverified_link`` (verify): a URL that no KB article or allow-list vouches for."""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.kb_cache import DerivedCache, kb_key

_TLD = r"(?:com|net|org|io|co|jp|dev|app|info|biz|xyz|ai|me|us|uk|de|fr|help|shop|site)"
URL = re.compile(
    r"(?<![@\w.])(?:https?://[^\s<>\"'）」】、。]+|www\.[^\s<>\"'）」】、。]+"
    rf"|(?:[a-z0-9-]+\.)+{_TLD}(?:/[^\s<>\"'）」】、。]*)?(?![\w@-]))",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\""


def normalise_url(url: str) -> str:
    """Compare URLs without scheme, ``www.``, case of the host, or a trailing slash."""
    url = re.sub(r"^https?://", "", url.strip().rstrip(_TRAILING), flags=re.IGNORECASE)
    url = url.split("#", 1)[0]
    host, _, path = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{path}".rstrip("/")


def _host(normalised: str) -> str:
    return normalised.split("/", 1)[0].split(":", 1)[0]


def _build_known_urls(
    articles: tuple[Article, ...], published_contacts: tuple[str, ...]
) -> frozenset[str]:
    known = {normalise_url(a.url) for a in articles if a.url}
    for article in articles:
        known.update(normalise_url(m.group()) for m in URL.finditer(article.body))
    known.update(normalise_url(c) for c in published_contacts if URL.fullmatch(c))
    return frozenset(known)


# The URLs a KB and the company's published contacts vouch for: computed once per KB content
# (``kb_key``) and contact list, not per request (the service derives the contacts from the
# same KB and voice, so it hands over the same few lists).
_KNOWN: DerivedCache[tuple[str, tuple[str, ...]], frozenset[str]] = DerivedCache(16)


def _known_urls(ctx: GuardrailContext) -> frozenset[str]:
    """Every URL a KB article (URL or body) or a published contact gives, normalised."""
    contacts = ctx.voice.published_contacts
    return _KNOWN.get(
        (kb_key(ctx.articles), contacts), lambda: _build_known_urls(ctx.articles, contacts)
    )


def _allowed_host(host: str, allow: tuple[str, ...]) -> bool:
    return any(host == a.lower() or host.endswith("." + a.lower()) for a in allow)


class UnverifiedLink(GuardrailBase):
    """Flags draft URLs found in no KB article (url or body) and on no allow-listed host."""

    code: ClassVar[FlagCode] = "unverified_link"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one finding per unverified URL."""
        matches = list(URL.finditer(draft))
        if not matches:
            return []
        known = _known_urls(ctx)
        findings = []
        for m in matches:
            raw = m.group().rstrip(_TRAILING)
            url = normalise_url(raw)
            if url in known or _allowed_host(_host(url), ctx.settings.link_allow_list):
                continue
            findings.append(
                self.finding(
                    message=f"Check this link: it is in no KB article and not allow-listed: {raw}",
                    span=Span(start=m.start(), end=m.start() + len(raw)),
                    evidence=raw,
                )
            )
        return findings
