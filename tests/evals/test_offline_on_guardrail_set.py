"""The offline drafter's own drafts on the labelled guardrail set (issue 4, last bullet).

Every case is drafted through the service's pipeline (``benchmarks/guardrails.py`` builds the
contract request); no ``unanswered_question`` may be raised on a question the KB answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.guardrails import KB_ANSWERS, evaluate_offline, offline_reports
from evals.guardrail_set.loader import GuardrailCase, load_cases


@pytest.fixture(scope="module")
def cases() -> list[GuardrailCase]:
    return load_cases()


@pytest.fixture(scope="module")
def offline(cases: list[GuardrailCase], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data_dir: Path = tmp_path_factory.mktemp("offline-drafts")
    return evaluate_offline(cases, offline_reports(cases, data_dir))


def _rows(rows: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{r['case']}: {r['question']} [{r.get('status', 'missing')}] -> {r['excerpt']}"
        for r in rows
    )


def test_every_question_of_the_set_has_a_kb_label(cases: list[GuardrailCase]) -> None:
    assert set(KB_ANSWERS) == {c.id for c in cases}
    for case in cases:
        labels = KB_ANSWERS[case.id]
        assert len(labels) == len(case.questions), case.id
        kb_ids = {a.id for a in case.ctx.articles}
        assert {a for a in labels if a is not None} <= kb_ids, case.id


def test_offline_drafts_raise_no_unanswered_question_where_the_kb_answers(
    offline: dict[str, Any],
) -> None:
    assert offline["questions"] > 0 and offline["kb_answerable"] > 0
    flagged = [r for r in offline["unanswered"] if r["article"] is not None]
    assert offline["unanswered_flags_kb_answerable"] == 0, _rows(flagged)
    # An unaligned flag is a question the labels do not know: it cannot be excused either.
    assert offline["unanswered_flags_unaligned"] == 0, _rows(offline["unanswered"])


def test_offline_drafts_answer_every_question_the_kb_answers(offline: dict[str, Any]) -> None:
    assert offline["kb_answerable_not_answered"] == [], _rows(offline["kb_answerable_not_answered"])
