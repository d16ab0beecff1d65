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


def _ask_ctx(question: str, articles: tuple[object, ...]) -> GuardrailContext:
    from guardrails.context import Article

    return GuardrailContext(
        messages=(Message(role="customer", body=question),),
        customer_language="en",
        draft_language="en",
        articles=tuple(a for a in articles if isinstance(a, Article)),
    )


def test_a_deferred_ask_the_kb_answers_is_flagged_deferred_question() -> None:
    from guardrails.context import Article

    kb = (
        Article(
            id="returns",
            title="Returns",
            body="Refunds reach your card within 5 business days after we receive the item.",
        ),
    )
    ctx = _ask_ctx("When will my refund reach my card?", kb)
    draft = "I've passed your refund question to our billing team, who will get back to you."
    outcome = GuardrailRunner((), LexicalJudge()).run(draft, ctx)
    assert [q.status for q in outcome.questions] == ["pending"]
    flags = [(f.code, f.severity, f.evidence) for f in outcome.findings]
    assert flags == [("deferred_question", "verify", "q1")]


def test_a_deferral_the_kb_cannot_answer_stays_pending_without_a_flag() -> None:
    from guardrails.context import Article

    kb = (Article(id="gifts", title="Gift wrapping", body="Gift wrapping costs $5 per item."),)
    ctx = _ask_ctx("When will my refund reach my card?", kb)
    draft = "I've passed your refund question to our billing team, who will get back to you."
    outcome = GuardrailRunner((), LexicalJudge()).run(draft, ctx)
    assert [q.status for q in outcome.questions] == ["pending"]
    assert outcome.findings == []


def test_assessments_carry_the_ask_kind() -> None:
    ctx = _ask_ctx("My card hasn't arrived yet.", ())
    outcome = GuardrailRunner((), LexicalJudge()).run("Hi,\nThanks for writing.", ctx)
    assert [(q.kind, q.status) for q in outcome.questions] == [("problem", "missing")]
    assert [f.code for f in outcome.findings] == ["unanswered_question"]


def test_an_article_on_the_topic_alone_does_not_make_a_deferral_a_flag() -> None:
    from guardrails.context import Article

    kb = (Article(id="invoices", title="Invoices", body="Download invoices as PDF."),)
    ctx = _ask_ctx("Can invoices show our VAT number?", kb)
    draft = "We are checking whether invoices can show a VAT number and will reply in 2 days."
    outcome = GuardrailRunner((), LexicalJudge()).run(draft, ctx)
    assert [q.status for q in outcome.questions] == ["pending"]
    assert outcome.findings == []
