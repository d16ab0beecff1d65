"""The offline drafter through the whole pipeline: terse asks, kanji-only asks, agent KBs."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from service.models import DraftReport, DraftRequest
from service.runtime import Runtime
from service.settings import Settings

KB_EN: list[dict[str, Any]] = [
    {
        "id": "cancel",
        "title": "Cancelling your subscription",
        "body": "You can cancel at any time under Settings > Billing > Cancel plan. There is "
        "no cancellation fee.",
    },
    {
        "id": "refunds",
        "title": "Refunds",
        "body": "We refund any order in full within 30 days. Refunds reach your card in 5-10 "
        "business days.",
    },
    {
        "id": "loyalty",
        "title": "Loyalty tiers",
        "body": "Loyalty members get free returns. Ask the customer for their loyalty number "
        "and type it into the CRM before answering. Agents must not change a tier by hand.",
    },
    {
        "id": "escalations",
        "title": "Escalation rules",
        "audience": "internal",
        "body": "Refunds over $500 go to the finance queue. Offer a $15 voucher at most.",
    },
]
KB_JA: list[dict[str, Any]] = [
    {
        "id": "receipt",
        "title": "領収書について",
        "body": "領収書はマイページの購入履歴からPDFでダウンロードできます。",
    },
    {
        "id": "shipping",
        "title": "送料",
        "body": "送料は全国一律600円です。お客様に郵便番号を確認し、配送システムに登録すること。",
    },
]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    settings = Settings(
        database_url="sqlite:///:memory:",
        data_dir=tmp_path_factory.mktemp("data"),
        llm_model=None,
        llm_fallback_models=[],
        guardrails=None,
        question_judge="lexical",
    )
    return Runtime.build(settings)


def _draft(runtime: Runtime, body: str, kb: list[dict[str, Any]]) -> DraftReport:
    request = DraftRequest.model_validate(
        {
            "thread": {"messages": [{"role": "customer", "body": body}]},
            "knowledge_base": kb,
            "model": "offline",
        }
    )
    return asyncio.run(runtime.pipeline.draft(runtime.resolve(request))).report


def test_terse_ask_finds_its_article(runtime: Runtime) -> None:
    report = _draft(runtime, "Hi, the app isn't for me.\n\nHow do I actually cancel?", KB_EN)
    assert "Settings > Billing > Cancel plan" in report.body
    assert "checking this with our team" not in report.body


def test_kanji_only_ask_is_answered_in_japanese(runtime: Runtime) -> None:
    report = _draft(runtime, "領収書", KB_JA)
    assert report.language == "ja"
    assert "購入履歴からPDFでダウンロードできます" in report.body


def test_agent_procedures_and_internal_articles_are_never_copied(runtime: Runtime) -> None:
    report = _draft(
        runtime, "Do loyalty members get free returns? And can you refund my $800 TV?", KB_EN
    )
    assert "Loyalty members get free returns." in report.body
    for internal in ("Ask the customer", "CRM", "Agents must", "finance queue", "$15 voucher"):
        assert internal not in report.body
    ja = _draft(runtime, "送料はいくらですか。", KB_JA)
    assert "送料は全国一律600円です。" in ja.body
    assert "郵便番号を確認" not in ja.body


def test_prompt_path_keeps_internal_articles_for_the_agent(runtime: Runtime) -> None:
    # Retrieval hands internal articles to the drafter (grounding); only quoting is barred.
    resolved = runtime.resolve(
        DraftRequest.model_validate(
            {
                "thread": {"messages": [{"role": "customer", "body": "Refund over $500?"}]},
                "knowledge_base": KB_EN,
            }
        )
    )
    passages = runtime.pipeline.retriever.retrieve(resolved.articles, "refund over $500", 4)
    audiences = {p.article_id: p.audience for p in passages}
    assert audiences.get("escalations") == "internal"
