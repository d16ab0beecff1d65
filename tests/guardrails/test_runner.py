"""A guardrail that raises costs one check, reported as ``guardrail_error``, not the draft."""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext, Message
from guardrails.questions.judge import LexicalJudge
from guardrails.runner import GuardrailRunner
from guardrails.verify.banned_phrase import BannedPhrase


class _Exploding(GuardrailBase):
    code: ClassVar[FlagCode] = "commitment"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        raise RuntimeError("bug in a check, quoting the draft: secret text")


def test_a_raising_guardrail_becomes_an_info_finding_and_the_others_still_run() -> None:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="Hello"),),
        customer_language="en",
        draft_language="en",
    )
    from dataclasses import replace

    from guardrails.context import VoiceRules

    ctx = replace(ctx, voice=VoiceRules(banned_phrases=("unfortunately",)))
    runner = GuardrailRunner((_Exploding(), BannedPhrase()), LexicalJudge())
    outcome = runner.run("Unfortunately not.", ctx)
    codes = [(f.code, f.severity, f.evidence) for f in outcome.findings]
    assert ("guardrail_error", "info", "commitment") in codes
    assert any(c[0] == "banned_phrase" for c in codes)
    assert all("secret text" not in f.message for f in outcome.findings)
