from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.banned_phrase import BannedPhrase

MakeCtx = Callable[..., GuardrailContext]

BANNED = ("unfortunately", "as per our policy", "できかねます")


@pytest.mark.parametrize(
    ("draft", "hits"),
    [
        ("Unfortunately, we do not ship to Brazil.", ["Unfortunately"]),
        ("As  per our policy, refunds take 5 days.", ["As  per our policy"]),
        ("変更はできかねます。", ["できかねます"]),
        ("Unfortunately... unfortunately!", ["Unfortunately", "unfortunately"]),
    ],
)
def test_flags_each_banned_phrase(draft: str, hits: list[str], make_ctx: MakeCtx) -> None:
    findings = BannedPhrase().check(draft, make_ctx(banned=BANNED))
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == hits


@pytest.mark.parametrize(
    "draft", ["Fortunately, it shipped.", "変更はできます。", "Our policy allows returns."]
)
def test_allowed_wording_passes(draft: str, make_ctx: MakeCtx) -> None:
    assert BannedPhrase().check(draft, make_ctx(banned=BANNED)) == []


def test_no_banned_list_means_no_findings(make_ctx: MakeCtx) -> None:
    assert BannedPhrase().check("Unfortunately not.", make_ctx()) == []
