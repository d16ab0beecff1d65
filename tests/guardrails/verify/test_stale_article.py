import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from guardrails.context import Article, GuardrailContext
from guardrails.verify.stale_article import StaleArticle

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    ("customer_text", "draft", "article"),
    [
        (
            "How do I reset my password?",
            "Use the Forgot password link on the sign-in page; the email arrives within 10 "
            "minutes, so check your spam folder.",
            "password-reset",
        ),
        ("Where is the password help?", "See https://help.example.com/password", "password-reset"),
        (
            "ポイントの期限はありますか？",
            "ポイントの有効期限は最終購入日から1年間です。",
            "ja-points",
        ),
    ],
)
def test_flags_stale_articles_the_draft_relies_on(
    customer_text: str, draft: str, article: str, make_ctx: MakeCtx
) -> None:
    findings = StaleArticle().check(draft, make_ctx(customer_text))
    assert [f.evidence for f in findings] == [article]


@pytest.mark.parametrize(
    ("customer_text", "draft"),
    [
        ("How long to Canada?", "Delivery to Canada takes 5-7 business days."),
        ("How do I reset my password?", "I have sent you a reset link by email."),
        ("送料はいくらですか？", "通常配送は3〜5営業日でお届けします。送料は全国一律550円です。"),
    ],
)
def test_fresh_or_unused_articles_pass(customer_text: str, draft: str, make_ctx: MakeCtx) -> None:
    assert StaleArticle().check(draft, make_ctx(customer_text)) == []


PRINT_KB = (
    Article(
        id="billing-refunds",
        title="Refunds for duplicate charges",
        body="We refund the duplicate charge to the original card. Refunds reach your card "
        "within 5-10 business days.",
    ),
    Article(
        id="print-delivery",
        title="Delivery times for printed products",
        url="https://help.example.com/print",
        last_reviewed=dt.date(2024, 3, 1),
        body="Printed business cards ship within 3 business days. Delivery in the US takes 5-7 "
        "business days after shipping.",
    ),
    Article(
        id="coupons",
        title="Coupons and promo codes",
        last_reviewed=dt.date(2024, 3, 1),
        body="Enter a promo code at checkout in the Promo code field. Each code has a validity "
        "period shown in the email that sent it.",
    ),
)


def _print_ctx(customer_text: str, make_ctx: MakeCtx) -> GuardrailContext:
    return dataclasses.replace(make_ctx(customer_text), articles=PRINT_KB)


@pytest.mark.parametrize(
    ("customer_text", "draft", "expected"),
    [
        # Generic time-frame wording ("within", "business days") is nobody's content.
        ("Can I get SSO on my plan?", "We will reply within 2 business days.", []),
        (
            "Was I charged twice?",
            "We are checking this with our team and will reply within 3 business days.",
            [],
        ),
        # Another article's figure is not the stale article's ("5-10" vs "5-7").
        (
            "How long does a refund take?",
            "Refunds reach your card within 5-10 business days.",
            [],
        ),
        # The stale article's own figures, in other words, are relied on.
        (
            "How long until my printed cards reach Texas?",
            "They leave us within 3 business days, then take 5-7 business days to arrive.",
            ["print-delivery"],
        ),
        # A title counts as cited when quoted; a plain word that is also an id does not.
        (
            "My promo code does not work, why?",
            "I'm sorry your coupons did not work; I've passed this to our team.",
            [],
        ),
        (
            "My promo code does not work, why?",
            "Please see “Coupons and promo codes” in our help center.",
            ["coupons"],
        ),
    ],
)
def test_reliance_needs_the_articles_distinctive_content(
    customer_text: str, draft: str, expected: list[str], make_ctx: MakeCtx
) -> None:
    findings = StaleArticle().check(draft, _print_ctx(customer_text, make_ctx))
    assert [f.evidence for f in findings] == expected


def test_a_cited_url_is_found_at_its_first_mention_in_any_form(make_ctx: MakeCtx) -> None:
    draft = (
        "Details: www.help.example.com/print/ and again https://help.example.com/print, "
        "or https://help.example.com/other."
    )
    [finding] = StaleArticle().check(draft, _print_ctx("When will my cards arrive?", make_ctx))
    assert finding.evidence == "print-delivery"
    assert finding.span is not None
    assert draft[finding.span.start : finding.span.end] == "www.help.example.com/print/"
