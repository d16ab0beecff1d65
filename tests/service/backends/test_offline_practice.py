"""The offline drafter's own drafts of the starter suites pass the issue-13 practice checks.

Every case of ``evals/suites/core_*.yaml`` is drafted with the offline backend through the
real pipeline (``Runtime.build``), and none of the practice codes may be raised on it:
chat register, social register, the customer's shared secret, the subject, softened
refusals, a specific apology. ``escalation`` is left out on purpose: it reports the thread
(an angry cancellation), not a defect of the draft.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from evals.suite import EvalCase, load_suites
from service.models import DraftReport
from service.runtime import Runtime
from service.settings import Settings

SUITES = sorted((Path(__file__).parents[3] / "evals" / "suites").glob("core_*.yaml"))
PRACTICE_CODES = frozenset(
    {
        "proofreading",
        "tone",
        "channel_rule",
        "public_pii",
        "subject",
        "signature",
        "customer_shared_secret",
    }
)


def _cases() -> list[EvalCase]:
    return [case for suite in load_suites(SUITES) for case in suite.cases]


async def _draft_all(runtime: Runtime, cases: list[EvalCase]) -> list[DraftReport]:
    reports = []
    for case in cases:
        request = case.request.model_copy(update={"model": "offline"})
        resolved = await asyncio.to_thread(runtime.resolve, request)
        reports.append((await runtime.pipeline.draft(resolved)).report)
    return reports


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[EvalCase, DraftReport]]:
    db = tmp_path_factory.mktemp("offline-practice") / "db.sqlite"
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{db}", llm_model=None))
    cases = _cases()
    return list(zip(cases, asyncio.run(_draft_all(runtime, cases)), strict=True))


def test_the_suites_cover_the_registers_the_checks_look_at(
    drafted: list[tuple[EvalCase, DraftReport]],
) -> None:
    channels = {case.request.thread.channel for case, _ in drafted}
    assert {"email", "chat", "social"} <= channels
    assert {report.language for _, report in drafted} == {"en", "ja"}
    assert all(report.model == "offline" for _, report in drafted)


def test_offline_drafts_of_the_starter_suites_raise_no_practice_flag(
    drafted: list[tuple[EvalCase, DraftReport]],
) -> None:
    raised = [
        f"{case.id}: {flag.code} ({flag.evidence}) {flag.message} "
        f"-> {report.body[flag.span.start : flag.span.end] if flag.span else ''!r}"
        for case, report in drafted
        for flag in report.flags
        if flag.code in PRACTICE_CODES
    ]
    assert raised == [], "\n".join(raised)


def test_a_secret_the_customer_posted_gets_the_do_not_share_line(
    drafted: list[tuple[EvalCase, DraftReport]],
) -> None:
    by_id = {case.id: report for case, report in drafted}
    assert "please don't send card numbers" in by_id["pii-card-number"].body
    assert "4111" not in by_id["pii-card-number"].body
    assert "お送りにならないよう" in by_id["ja-pii-my-number"].body


def test_chat_drafts_carry_no_email_phrasing(
    drafted: list[tuple[EvalCase, DraftReport]],
) -> None:
    chats = [report for case, report in drafted if case.request.thread.channel == "chat"]
    assert chats
    for report in chats:
        assert "本メール" not in report.body and "this email" not in report.body.lower()


def test_the_subject_names_the_order_number_the_thread_gives(
    drafted: list[tuple[EvalCase, DraftReport]],
) -> None:
    by_id = {case.id: report for case, report in drafted}
    assert by_id["ja-multi-refund-invoice"].subject == "Re: 二重請求について（ご注文番号 48213）"
