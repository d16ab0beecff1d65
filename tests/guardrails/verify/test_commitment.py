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
        "We'll get back to you by Friday.",
        "We will give you a 20% discount on your next order.",
        "返金いたします。",
        "代替品をお送りいたします。",
        "3営業日以内にご連絡いたします。",
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
    ],
)
def test_statements_and_refusals_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []
