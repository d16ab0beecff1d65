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
import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.figures import Figure, find_figures
from guardrails.follow_up import is_follow_up_time_frame
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.run_memo import per_run
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


# Draft sentences and threads: the request's own text, memoised for its run only.
_features = per_run(_compute_features)


@dataclass(frozen=True)
class _KBIndex:
    """Each article's features, and in how many articles each feature occurs."""

    per_article: dict[str, frozenset[str]]
    counts: Counter[str]


def _build_kb_index(articles: tuple[Article, ...]) -> _KBIndex:
    per_article = {a.id: _compute_features(f"{a.title}\n{a.body}") for a in articles}
    counts: Counter[str] = Counter(f for features in per_article.values() for f in features)
    return _KBIndex(per_article, counts)


@dataclass(frozen=True)
class _Stale:
    """A stale article with what the check needs of it, prepared once per KB and cutoff."""

    article: Article
    id_pattern: re.Pattern[str] | None  # its id as a whole token, when the id is identifier-like
    url: str | None  # its URL, normalised
    id_lower: str  # its id and title as searched for in the lower-cased draft
    title_lower: str
    unique: frozenset[str]  # its features no other KB article shares


def _id_pattern(article_id: str) -> re.Pattern[str] | None:
    """``billing-refunds`` or ``kb-123`` as a whole token; ``None`` for a word ("coupons")."""
    if len(article_id) < 4 or not _ID_LIKE.search(article_id):
        return None
    return re.compile(rf"(?<![\w-]){re.escape(article_id.lower())}(?![\w-])")


def _build_stale(articles: tuple[Article, ...], cutoff: dt.date) -> tuple[_Stale, ...]:
    stale = [a for a in articles if a.last_reviewed and a.last_reviewed < cutoff]
    if not stale:
        return ()  # no stale article: the features are never needed
    index = _kb_index(articles)
    return tuple(
        _Stale(
            article=a,
            id_pattern=_id_pattern(a.id),
            url=normalise_url(a.url) if a.url else None,
            id_lower=a.id.lower(),
            title_lower=a.title.strip().lower(),
            unique=frozenset(f for f in index.per_article[a.id] if index.counts[f] == 1),
        )
        for a in stale
    )


# Both depend only on the articles (and the cutoff date): with 500 articles, computing them
# per request was most of the check's cost. Keyed by the KB's content (``kb_key``).
_KB_INDEXES: DerivedCache[str, _KBIndex] = DerivedCache(16)
_STALE: DerivedCache[tuple[str, dt.date], tuple[_Stale, ...]] = DerivedCache(16)


def _kb_index(articles: tuple[Article, ...]) -> _KBIndex:
    return _KB_INDEXES.get(kb_key(articles), lambda: _build_kb_index(articles))


def _stale_articles(articles: tuple[Article, ...], cutoff: dt.date) -> tuple[_Stale, ...]:
    """The articles last reviewed before ``cutoff``, in KB order."""
    return _STALE.get((kb_key(articles), cutoff), lambda: _build_stale(articles, cutoff))


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


def _cited(
    stale: _Stale, folded_draft: str, url_words: dict[str, tuple[int, str]]
) -> tuple[int, int] | None:
    # The substring test first: with hundreds of stale articles, most ids are not in the
    # draft at all, and the pattern can only match where its lower-cased id is.
    m = (
        stale.id_pattern.search(folded_draft)
        if stale.id_pattern and stale.id_lower in folded_draft
        else None
    )
    if m:
        return m.start(), m.start() + len(stale.article.id)
    title = stale.title_lower
    at = _quoted_at(folded_draft, title) if len(title) >= 4 else -1
    if at >= 0:
        return at, at + len(title)
    if stale.url is not None and stale.url in url_words:
        word_start, word = url_words[stale.url]
        return word_start, word_start + len(word)
    return None


def _words(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for word in text.split():
        pos = text.index(word, pos)
        out.append((pos, word))
        pos += len(word)
    return out


def _relied_span(
    distinctive: frozenset[str], sentences: list[tuple[int, int, frozenset[str]]]
) -> tuple[int, int] | None:
    if not distinctive:
        return None  # nothing shared weighs anything (copies of one article share it all)
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
        stale = _stale_articles(ctx.articles, cutoff)
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
        # Each URL-like word normalised once, not once per stale article (and not at all when
        # no stale article has a URL): the first word citing each normalised URL.
        url_words: dict[str, tuple[int, str]] = {}
        if any(entry.url is not None for entry in stale):
            for start, word in _words(draft):
                if "." in word:
                    url_words.setdefault(normalise_url(word), (start, word))
        findings = []
        for entry in stale:
            # The article's content that neither the thread nor any other KB article supplies.
            span = _cited(entry, folded, url_words) or _relied_span(
                entry.unique - thread, sentences
            )
            if span is None:
                continue
            article = entry.article
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
