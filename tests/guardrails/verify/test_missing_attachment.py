from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.missing_attachment import MissingAttachment

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    "draft",
    [
        "I've attached a prepaid return label.",
        "Please find attached the invoice for your order.",
        "The attached PDF lists every charge.",
        "Your invoice is attached to this email.",
        "返品用の送り状を添付いたしました。",
        "請求書は添付ファイルをご確認ください。",
        "添付の資料をご覧ください。",
    ],
)
def test_flags_attachment_claims_without_files(draft: str, make_ctx: MakeCtx) -> None:
    findings = MissingAttachment().check(draft, make_ctx())
    assert len(findings) == 1 and findings[0].span is not None


@pytest.mark.parametrize(
    "draft",
    [
        "Could you attach a screenshot of the error?",
        "Please attach the photo to your reply.",
        "スクリーンショットを添付してください。",
        "エラー画面を添付していただけますか。",
        "You can download the invoice from Account > Billing.",
    ],
)
def test_requests_to_the_customer_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert MissingAttachment().check(draft, make_ctx()) == []


def test_claim_with_an_attachment_passes(make_ctx: MakeCtx) -> None:
    ctx = make_ctx(attachments=("invoice-77120.pdf",))
    assert MissingAttachment().check("I've attached the invoice.", ctx) == []
