from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
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
