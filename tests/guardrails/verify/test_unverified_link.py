from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.unverified_link import UnverifiedLink

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    ("draft", "url"),
    [
        ("Use our form at https://returns.example.org/start.", "https://returns.example.org/start"),
        ("See www.bit.ly/abc123 for details.", "www.bit.ly/abc123"),
        ("Go to help.example.com/refund-form", "help.example.com/refund-form"),
        (
            "詳しくは https://hikari-henpin.example.net/form をご覧ください。",
            "https://hikari-henpin.example.net/form",
        ),
    ],
)
def test_flags_unknown_links(draft: str, url: str, make_ctx: MakeCtx) -> None:
    findings = UnverifiedLink().check(draft, make_ctx())
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [url]


@pytest.mark.parametrize(
    "draft",
    [
        "Read https://help.example.com/shipping.",
        "Read HTTPS://WWW.help.example.com/shipping/ for details.",
        "Read https://help.example.com/shipping#canada",
        "Live status: https://status.example.com/incidents/42",
        "詳しくは https://help.example.jp/points をご覧ください。",
        "Email support@example.com for help.",
        "Our total was 5.5 times higher.",
    ],
)
def test_kb_and_allow_listed_links_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert UnverifiedLink().check(draft, make_ctx()) == []
