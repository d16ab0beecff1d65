"""``stale_article`` (verify): the draft relies on a KB article past its review date.

The draft relies on an article when it cites it (its id, its URL, or its title in quotes or
brackets) or when one of its sentences carries enough of the article's *distinctive*
content: wording or figures of that article that the customer did not supply, that no other
KB article shares, and that are not generic time-frame vocabulary. "We will reply within 2
business days" shares "within", "business" and "days" with a delivery-times article, but
none of its content, so it does not rely on it; "Cards ship within 3 business days" does.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.figures import Figure, find_figures
from guardrails.follow_up import is_follow_up_time_frame
from guardrails.sentences import split_sentences
from guardrails.terms import content_terms, en_terms, ja_terms
from guardrails.verify.unverified_link import normalise_url

# A draft sentence relies on an article when its shared distinctive content weighs this much
MIN_SHARED_WEIGHT = 3
# and makes up at least this share of the sentence's own content.
MIN_SHARED_SHARE = 0.4
# A figure of the article (same kind, numbers and unit) is specific enough on its own.
FIGURE_WEIGHT = MIN_SHARED_WEIGHT
# Time-frame and follow-up vocabulary any support text uses: never evidence of reliance.
_GENERIC = en_terms(
    "within after before until business working calendar day hour week month year minute "
    "reply respond contact email update follow back team check usually normally typically "
    "about around approximately up more less time"
) | ja_terms(
    "営業日以内 時間以内 日間以内 週間以内 年間 分間 以上 以降 程度 前後 本日 明日 今日 "
    "翌日 当日 月末 日後 日前 時間後 週間後 担当部署 連絡"
)
_UNITS = (
    ("bday", re.compile(r"business|working|営業日", re.IGNORECASE)),
    ("min", re.compile(r"min|分", re.IGNORECASE)),
    ("hour", re.compile(r"hour|hr|時間", re.IGNORECASE)),
    ("week", re.compile(r"week|週", re.IGNORECASE)),
    ("month", re.compile(r"month|月", re.IGNORECASE)),
    ("year", re.compile(r"year|年", re.IGNORECASE)),
    ("day", re.compile(r"day|日", re.IGNORECASE)),
)
_QUOTE_PAIRS = {'"': '"', "“": "”", "「": "」", "『": "』", "‘": "’", "'": "'", "«": "»", "[": "]"}
_ID_LIKE = re.compile(r"[-_/.\d]")


def _figure_key(figure: Figure) -> str:
    """``@duration:bday:3`` for "3 business days" and 「3営業日」 alike."""
    unit = next((name for name, rx in _UNITS if rx.search(figure.text)), "")
    if figure.kind not in ("duration", "quantity"):
        unit = ""
    return f"@{figure.kind}:{unit}:{','.join(sorted(figure.numbers))}"


def _compute_features(text: str) -> frozenset[str]:
    """Topic terms (no bare numbers, nothing generic) and figure keys of ``text``."""
    terms = {t for t in content_terms(text) if not t.startswith("#")} - _GENERIC
    return frozenset(terms | {_figure_key(f) for f in find_figures(text)})


# Draft sentences and threads: small texts, often repeated (retries, re-checks, evals).
_features = functools.lru_cache(maxsize=512)(_compute_features)

# Knowledge bases held at once. An index depends only on the articles, so it is computed once
# per knowledge base, not per request: with 500 articles that is most of the check's cost.
_CACHED_KBS = 16


@functools.lru_cache(maxsize=_CACHED_KBS)
def _kb_index(articles: tuple[Article, ...]) -> tuple[dict[str, frozenset[str]], Counter[str]]:
    """Each article's features, and in how many articles each feature occurs."""
    per_article = {a.id: _compute_features(f"{a.title}\n{a.body}") for a in articles}
    counts: Counter[str] = Counter(f for features in per_article.values() for f in features)
    return per_article, counts


def _weight(features: frozenset[str]) -> int:
    return sum(FIGURE_WEIGHT if f.startswith("@") else 1 for f in features)


def _quoted_at(folded_draft: str, needle: str) -> int:
    """Where ``needle`` appears in quotes or brackets (-1 if nowhere)."""
    at = folded_draft.find(needle)
    while at >= 0:
        before = folded_draft[at - 1] if at else ""
        after = folded_draft[at + len(needle) : at + len(needle) + 1]
        if before in _QUOTE_PAIRS and after == _QUOTE_PAIRS[before]:
            return at
        at = folded_draft.find(needle, at + 1)
    return -1


def _id_at(folded_draft: str, article_id: str) -> int:
    """Where an identifier-like id ("billing-refunds", "kb-123") stands as a whole token."""
    if len(article_id) < 4 or not _ID_LIKE.search(article_id):
        return -1  # "coupons" is a word, not a citation
    m = re.search(rf"(?<![\w-]){re.escape(article_id.lower())}(?![\w-])", folded_draft)
    return m.start() if m else -1


def _cited(
    article: Article, folded_draft: str, url_words: list[tuple[int, str]]
) -> tuple[int, int] | None:
    at = _id_at(folded_draft, article.id)
    if at >= 0:
        return at, at + len(article.id)
    title = article.title.strip().lower()
    at = _quoted_at(folded_draft, title) if len(title) >= 4 else -1
    if at >= 0:
        return at, at + len(title)
    if article.url:
        target = normalise_url(article.url)
        for word_start, word in url_words:
            if normalise_url(word) == target:
                return word_start, word_start + len(word)
    return None


def _words(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for word in text.split():
        pos = text.index(word, pos)
        out.append((pos, word))
        pos += len(word)
    return out


def _distinctive(
    article: Article,
    index: tuple[dict[str, frozenset[str]], Counter[str]],
    thread: frozenset[str],
) -> frozenset[str]:
    """The article's content that neither the thread nor any other KB article supplies."""
    per_article, counts = index
    return frozenset(f for f in per_article[article.id] if counts[f] == 1) - thread


def _relied_span(
    distinctive: frozenset[str], sentences: list[tuple[int, int, frozenset[str]]]
) -> tuple[int, int] | None:
    for start, end, features in sentences:
        shared = _weight(features & distinctive)
        if shared >= MIN_SHARED_WEIGHT and shared >= MIN_SHARED_SHARE * _weight(features):
            return start, end
    return None


class StaleArticle(GuardrailBase):
    """Flags articles the draft relies on whose ``last_reviewed`` is too old."""

    code: ClassVar[FlagCode] = "stale_article"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one verify finding per stale article the draft relies on."""
        cutoff = ctx.settings.today - dt.timedelta(days=ctx.settings.stale_article_days)
        stale = [a for a in ctx.articles if a.last_reviewed and a.last_reviewed < cutoff]
        if not stale:
            return []
        folded = draft.lower()
        thread = _features("\n".join(m.body for m in ctx.messages))
        # A time frame for our own follow-up reply is ours, not any article's content.
        sentences = [
            (s.start, s.end, _features(s.text))
            for s in split_sentences(draft)
            if not is_follow_up_time_frame(s.text)
        ]
        index = _kb_index(ctx.articles)
        url_words = [(start, word) for start, word in _words(draft) if "." in word]
        findings = []
        for article in stale:
            span = _cited(article, folded, url_words) or _relied_span(
                _distinctive(article, index, thread), sentences
            )
            if span is None:
                continue
            findings.append(
                self.finding(
                    message=(
                        f'The draft relies on "{article.title}", last reviewed '
                        f"{article.last_reviewed}: check it is still correct."
                    ),
                    span=Span(start=span[0], end=span[1]),
                    evidence=article.id,
                )
            )
        return findings
