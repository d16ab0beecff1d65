"""The offline drafter reads a terse ask with the problem it follows, and skips "why" clauses."""

from __future__ import annotations

from dataclasses import replace

from service.backends.base import DraftInputs, Passage
from service.backends.offline import OfflineBackend

_EN_KB = (
    Passage(
        "faulty",
        "Faulty or broken items",
        "If an item arrives broken or stops working, send us a photo within 14 days. "
        "We then send a replacement at no cost to you.",
        None,
        None,
        0.0,
    ),
    Passage(
        "export",
        "Exporting your files",
        "You can export all your files as a ZIP archive from Settings > Files > Export.",
        None,
        None,
        0.0,
    ),
    Passage(
        "plans",
        "Changing plans",
        "You can switch between the Solo and Team plans under Settings > Billing.",
        None,
        None,
        0.0,
    ),
)
_JA_KB = (
    Passage(
        "ja-broken",
        "商品の破損",
        "商品に破損があった場合は、到着後7日以内に写真を添えてご連絡ください。",
        None,
        None,
        0.0,
    ),
)


def _inputs(
    question: str,
    latest: str,
    *,
    earlier: str = "",
    subject: str | None = None,
    language: str = "en",
) -> DraftInputs:
    return DraftInputs(
        language=language,
        customer_name=None,
        agent_name=None,
        agent_title=None,
        brand=None,
        subject=subject,
        latest_customer_text=latest,
        questions=(question,),
        passages=_JA_KB if language == "ja" else _EN_KB,
        earlier_customer_text=earlier,
    )


def test_a_terse_follow_up_is_read_with_the_earlier_problem() -> None:
    # The problem is in the customer's first message; the latest turn only asks what now.
    inputs = _inputs(
        "What happens now?",
        "Any news? What happens now?",
        earlier="The speaker I ordered arrived with a cracked case.",
    )
    answer = OfflineBackend().answers(inputs)[0]
    assert answer.passage is not None and answer.passage.article_id == "faulty"


def test_a_terse_follow_up_without_any_problem_stays_pending() -> None:
    inputs = _inputs("What happens now?", "What happens now?")
    assert OfflineBackend().answers(inputs)[0].passage is None


def test_the_subject_names_the_problem_of_a_terse_japanese_ask() -> None:
    inputs = _inputs(
        "どうしたらいいですか。", "どうしたらいいですか。", subject="破損", language="ja"
    )
    answer = OfflineBackend().answers(inputs)[0]
    assert answer.passage is not None and answer.passage.article_id == "ja-broken"


def test_a_leading_when_clause_does_not_pick_the_article() -> None:
    # "switch" is only in the plans article; the ask is about exporting files.
    question = "Before I switch to another tool I want to export all my files."
    answer = OfflineBackend().answers(_inputs(question, question))[0]
    assert answer.passage is not None and answer.passage.article_id == "export"


def test_a_japanese_reason_clause_does_not_pick_the_article() -> None:
    kb = (
        Passage(
            "ja-return",
            "返品について",
            "商品到着後8日以内であれば返品を承ります。",
            None,
            None,
            0.0,
        ),
        Passage(
            "ja-color",
            "色味について",
            "画面の設定により、実際の色と違って見える場合がございます。",
            None,
            None,
            0.0,
        ),
    )
    question = "届いた服の色が違ったので返品したいです。"
    inputs = replace(_inputs(question, question, language="ja"), passages=kb)
    answer = OfflineBackend().answers(inputs)[0]
    assert answer.passage is not None and answer.passage.article_id == "ja-return"
