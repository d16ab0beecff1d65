from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.commitment import Commitment

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    "draft",
    [
        "We will refund the duplicate charge.",
        "I'll send you a replacement right away.",
        "You'll receive a full refund within 5 days.",
        "We'll ship the replacement by Friday.",
        "We will fix the sync error by tomorrow.",
        "We'll get back to you and refund you by Friday.",
        "We will give you a 20% discount on your next order.",
        "返金いたします。",
        "代替品をお送りいたします。",
        "3営業日以内にご返金いたします。",
        "明日までに代替品を発送いたします。",
        "次回使えるクーポンをお送りいたします。",
    ],
)
def test_flags_promises(draft: str, make_ctx: MakeCtx) -> None:
    findings = Commitment().check(draft, make_ctx())
    assert findings and findings[0].span is not None


@pytest.mark.parametrize(
    "draft",
    [
        "We cannot refund this order.",
        "Refunds are issued within 5 business days of approval.",
        "We'll get back to you as soon as we can.",
        "If you'd like a refund, you can request one in Settings.",
        "返金はいたしかねます。",
        "返金の手続きは注文履歴から行えます。",
        "担当部署に確認いたします。",
        # A time frame for our follow-up reply on a point still being checked is the
        # recommended cushion, not a promise of an outcome.
        "We are checking this with our team: why can't you use it? We will reply within 2 "
        "business days.",
        "We'll get back to you by Friday.",
        "We'll check your refund and get back to you by Friday.",
        "I'll send you an update within 24 hours.",
        "こちらは担当部署に確認のうえ、2営業日以内にご連絡いたします。",
        "3営業日以内に返金の状況をご報告いたします。",
    ],
)
def test_statements_and_refusals_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []
