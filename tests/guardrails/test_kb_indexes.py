"""The guardrails' KB indexes are built once per KB content and rebuilt when it changes.

The answer judge's sentence index, ``stale_article``'s stale set, ``unverified_link``'s URL
set, ``ungrounded_figure``'s KB figures, ``commitment``'s and ``foreign_pii``'s folded KB text
and ``proofreading``'s KB vocabulary depend only on the knowledge base: a second request with
the same KB (the same objects, or new objects with the same content) must not recompute them,
and any change to an article must (``guardrails.kb_cache.kb_key``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from guardrails.context import Article, GuardrailContext, GuardrailSettings, Message, VoiceRules
from guardrails.kb_cache import DerivedCache
from guardrails.pii import ForeignPiiGuardrail
from guardrails.pii import guardrails as pii_guardrails
from guardrails.practice import proofreading
from guardrails.questions import LexicalJudge, Question, judge
from guardrails.questions.judge import kb_answers
from guardrails.verify import commitment, stale_article, ungrounded_figure, unverified_link
from guardrails.verify.commitment import Commitment
from guardrails.verify.stale_article import StaleArticle
from guardrails.verify.ungrounded_figure import UngroundedFigure
from guardrails.verify.unverified_link import UnverifiedLink
from tests.guardrails.pii_engine_cache import shared_pii_engine

TODAY = dt.date(2026, 11, 20)
KB = (
    Article(
        id="returns-policy",
        title="Returns",
        url="https://help.example.com/returns",
        last_reviewed=dt.date(2024, 1, 10),
        body="Unused items can be returned within 30 days of delivery. Start a return from "
        "the Orders page and print the prepaid label.",
    ),
    Article(
        id="shipping-canada",
        title="Shipping to Canada",
        url="https://help.example.com/canada",
        last_reviewed=dt.date(2026, 10, 1),
        body="Parcels to Canada arrive in 5-7 business days. Customs fees are included.",
    ),
)
ASK = "How long does delivery to Canada take?"
DRAFT = (
    "Parcels to Canada arrive in 5-7 business days. Unused items can be returned within 30 "
    "days: print the prepaid label from https://help.example.com/returns or www.other.example.com."
)


def _ctx(articles: tuple[Article, ...]) -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body=ASK),),
        customer_language="en",
        draft_language="en",
        voice=VoiceRules(published_contacts=tuple(a.url for a in articles if a.url)),
        articles=articles,
        settings=GuardrailSettings(today=TODAY),
    )


def _copy(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """New article objects with the same content."""
    return tuple(dataclasses.replace(a) for a in articles)


def _changed(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    first = dataclasses.replace(articles[0], body=articles[0].body + " Sale items are final.")
    return (first, *articles[1:])


def _count_builds(
    monkeypatch: pytest.MonkeyPatch, module: Any, builder: str, caches: tuple[str, ...]
) -> list[int]:
    """Fresh caches in ``module``, and a list that grows by one per call of ``builder``."""
    for cache in caches:
        monkeypatch.setattr(module, cache, DerivedCache(16))
    calls: list[int] = []
    real: Callable[..., Any] = getattr(module, builder)

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(module, builder, counted)
    return calls


def _assess(articles: tuple[Article, ...]) -> list[object]:
    return [
        a.model_dump() for a in LexicalJudge().assess([Question("q1", ASK)], DRAFT, _ctx(articles))
    ]


def test_judge_builds_its_sentence_index_once_per_kb_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_builds(monkeypatch, judge, "_build_kb_index", ("_KB_INDEXES",))
    first = _assess(KB)
    assert _assess(KB) == first
    assert kb_answers(Question("q1", ASK), _ctx(KB))
    assert _assess(_copy(KB)) == first
    assert len(calls) == 1
    _assess(_changed(KB))
    assert len(calls) == 2


def test_judge_looks_only_at_kb_sentences_sharing_a_word() -> None:
    index = judge._build_kb_index(KB)
    wanted = {"canada", "deliver"}
    shared = index.sharing(wanted)
    assert shared == [terms for terms in index.sentences if terms & wanted]
    assert len(shared) < len(index.sentences)
    # The answer found through the index is the one a scan of every sentence finds.
    full = judge._KBIndex(
        index.sentences, index.weights, {t: tuple(range(len(index.sentences))) for t in wanted}
    )
    assert judge._kb_answer_terms(wanted, index) == judge._kb_answer_terms(wanted, full)
    assert judge._kb_answer_terms(wanted, index)


def test_stale_article_prepares_the_stale_set_once_per_kb_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_builds(monkeypatch, stale_article, "_build_stale", ("_STALE", "_KB_INDEXES"))
    first = StaleArticle().check(DRAFT, _ctx(KB))
    assert [f.evidence for f in first] == ["returns-policy"]
    assert StaleArticle().check(DRAFT, _ctx(KB)) == first
    assert StaleArticle().check(DRAFT, _ctx(_copy(KB))) == first
    assert len(calls) == 1
    # Reviewed again: no longer stale, and the cached set is not served.
    reviewed = (dataclasses.replace(KB[0], last_reviewed=dt.date(2026, 11, 1)), KB[1])
    assert StaleArticle().check(DRAFT, _ctx(reviewed)) == []
    assert len(calls) == 2


def test_unverified_link_normalises_the_kb_urls_once_per_kb_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_builds(monkeypatch, unverified_link, "_build_known_urls", ("_KNOWN",))
    first = UnverifiedLink().check(DRAFT, _ctx(KB))
    assert [f.evidence for f in first] == ["www.other.example.com"]
    assert UnverifiedLink().check(DRAFT, _ctx(_copy(KB))) == first
    assert len(calls) == 1
    moved = (dataclasses.replace(KB[0], url="https://help.example.com/returns-v2"), KB[1])
    findings = UnverifiedLink().check(DRAFT, _ctx(moved))
    assert [f.evidence for f in findings] == [
        "https://help.example.com/returns",
        "www.other.example.com",
    ]
    assert len(calls) == 2


def test_ungrounded_figure_finds_the_kb_figures_once_per_kb_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_builds(monkeypatch, ungrounded_figure, "_build_kb_numbers", ("_KB_NUMBERS",))
    draft = "Parcels to Canada arrive in 5-7 business days, returns within 45 days."
    first = UngroundedFigure().check(draft, _ctx(KB))
    assert [f.evidence for f in first] == ["45 days"]
    assert UngroundedFigure().check(draft, _ctx(_copy(KB))) == first
    assert len(calls) == 1
    longer = (dataclasses.replace(KB[0], body="Returns are accepted within 45 days."), KB[1])
    assert UngroundedFigure().check(draft, _ctx(longer)) == []
    assert len(calls) == 2


def test_commitment_folds_the_kb_text_once_per_kb_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commitment, "_KB_TEXT", DerivedCache(16))
    folded: list[int] = []
    real = commitment._fold

    def counted(text: str) -> str:
        if len(text) > 100:  # the KB text, not a draft sentence
            folded.append(1)
        return real(text)

    monkeypatch.setattr(commitment, "_fold", counted)
    draft = "We guarantee a full refund today."
    first = Commitment().check(draft, _ctx(KB))
    assert first
    assert Commitment().check(draft, _ctx(_copy(KB))) == first
    assert len(folded) == 1
    Commitment().check(draft, _ctx(_changed(KB)))
    assert len(folded) == 2


def test_foreign_pii_folds_the_kb_text_once_per_kb_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pii_guardrails, "_FOLDED_KB", DerivedCache(16))
    folded: list[int] = []
    real = pii_guardrails._fold

    def counted(text: str) -> str:
        if "Parcels to Canada" in text:  # the KB text, not the thread or a value
            folded.append(1)
        return real(text)

    monkeypatch.setattr(pii_guardrails, "_fold", counted)
    guardrail = ForeignPiiGuardrail(shared_pii_engine())
    # A name only the KB gives: published, so repeated to this customer without a flag.
    named = (dataclasses.replace(KB[1], body=KB[1].body + " Ask Dana Whitfield at customs."),)
    draft = "Dana Whitfield at customs can help."
    assert guardrail.check(draft, _ctx(named)) == []
    assert guardrail.check(draft, _ctx(_copy(named))) == []
    assert len(folded) == 1
    # The name gone from the KB: now it is someone else's, and the new KB is folded anew.
    assert [f.evidence for f in guardrail.check(draft, _ctx(KB[1:]))] == ["PERSON"]
    assert len(folded) == 2


def test_proofreading_reads_the_kb_vocabulary_once_per_kb_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(proofreading, "_KB_VOCABULARY", DerivedCache(16))
    reads: list[int] = []
    real = proofreading._WORDS

    class Counted:
        def findall(self, text: str) -> list[str]:
            if "Parcels to Canada" in text:
                reads.append(1)
            return real.findall(text)

    monkeypatch.setattr(proofreading, "_WORDS", Counted())
    # "Cuxtoms" is a typo unless the KB spells it that way.
    kb = (dataclasses.replace(KB[1], body=KB[1].body + " Cuxtoms forms are online."),)
    draft = "Cuxtoms fees are included."
    assert proofreading.Proofreading().check(draft, _ctx(kb)) == []
    assert proofreading.Proofreading().check(draft, _ctx(_copy(kb))) == []
    assert len(reads) == 1
    assert proofreading.Proofreading().check(draft, _ctx(KB[1:]))
    assert len(reads) == 2
