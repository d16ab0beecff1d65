from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.language_mismatch import LanguageMismatch

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    ("customer_text", "draft", "flagged"),
    [
        ("Do you ship to Canada?", "Yes, we ship to Canada.", False),
        ("Do you ship to Canada?", "はい、カナダへ発送いたします。", True),
        ("カナダへ発送できますか？", "Yes, we ship to Canada.", True),
        ("カナダへ発送できますか？", "はい、カナダへのDHL発送に対応しています。", False),
    ],
)
def test_language_mismatch(
    customer_text: str, draft: str, flagged: bool, make_ctx: MakeCtx
) -> None:
    findings = LanguageMismatch().check(draft, make_ctx(customer_text))
    assert bool(findings) is flagged
