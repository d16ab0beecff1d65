from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.placeholder_left import PlaceholderLeft

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    ("draft", "residue"),
    [
        ("Hi [CUSTOMER NAME],\n\nThanks!", "[CUSTOMER NAME]"),
        ("Your order {{order_id}} has shipped.", "{{order_id}}"),
        ("We emailed <PERSON_1> yesterday.", "<PERSON_1>"),
        ("○○様\n\nお問い合わせありがとうございます。", "○○"),
        ("The total is $XX.XX.", "XX.XX"),
        ("TODO: add the return steps.", "TODO"),
        ("Regards,\n[Your Name]", "[Your Name]"),
        ("【お客様名】様", "【お客様名】"),
    ],
)
def test_flags_template_residue(draft: str, residue: str, make_ctx: MakeCtx) -> None:
    findings = PlaceholderLeft().check(draft, make_ctx())
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [residue]
    assert findings[0].severity == "block"


@pytest.mark.parametrize(
    "draft",
    [
        "Hi Maria,\n\nSee [the refund article](https://help.example.com/refunds).",
        "Your size XXL is in stock.",
        "山田様\n\nお問い合わせありがとうございます。",
        "Order #48213 ships today [billing-refunds].",
    ],
)
def test_clean_drafts_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert PlaceholderLeft().check(draft, make_ctx()) == []
