"""A context builder shared by the verify-guardrail table tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from guardrails.context import (
    Article,
    GuardrailContext,
    GuardrailSettings,
    Message,
    Person,
    VoiceRules,
)
from guardrails.language import detect_language

TODAY = dt.date(2026, 11, 20)
ARTICLES = (
    Article(
        id="shipping-intl",
        title="International shipping",
        url="https://help.example.com/shipping",
        last_reviewed=dt.date(2026, 9, 1),
        body="Delivery to Canada takes 5-7 business days. Shipping costs $15 per order.",
    ),
    Article(
        id="password-reset",
        title="Resetting your password",
        url="https://help.example.com/password",
        last_reviewed=dt.date(2025, 2, 1),
        body="Use the Forgot password link on the sign-in page. The reset email arrives within "
        "10 minutes; check your spam folder.",
    ),
    Article(
        id="ja-points",
        title="ポイントについて",
        url="https://help.example.jp/points",
        last_reviewed=dt.date(2025, 1, 20),
        body="ポイントの有効期限は最終購入日から1年間です。1ポイントは1円としてご利用いただけます。",
    ),
    Article(
        id="ja-shipping",
        title="配送について",
        url="https://help.example.jp/shipping",
        last_reviewed=dt.date(2026, 9, 10),
        body="通常配送は3〜5営業日でお届けします。送料は全国一律550円です。",
    ),
)

MakeCtx = Callable[..., GuardrailContext]


def build_ctx(
    customer_text: str = "Hello, do you ship to Canada?",
    *,
    customer: Person | None = None,
    banned: tuple[str, ...] = (),
    attachments: tuple[str, ...] = (),
    allow: tuple[str, ...] = ("status.example.com",),
    draft: str = "",
    **extra: Any,
) -> GuardrailContext:
    """A context with one customer message and the sample KB."""
    return GuardrailContext(
        messages=(Message(role="customer", body=customer_text, author_name=None),),
        customer_language=detect_language(customer_text),
        draft_language=detect_language(draft),
        customer=customer or Person(name="Maria Lopez"),
        voice=VoiceRules(banned_phrases=banned),
        articles=ARTICLES,
        attachments=attachments,
        settings=GuardrailSettings(link_allow_list=allow, today=TODAY),
        **extra,
    )


@pytest.fixture
def make_ctx() -> MakeCtx:
    """Return the context builder."""
    return build_ctx
