"""Scoring, gates and masking, on hand-made reports."""

from __future__ import annotations

import pytest

from evals.gates import failed_gates, parse_gates
from evals.masking import _apply, value_pattern
from evals.metrics import percentile, score_case, summarize
from evals.results import CaseResult, EvalRun
from evals.suite import ArticleFact, Expectations, QuestionExpectation
from service.models import DraftReport
from service.models.report import Citation, Flag, QuestionReport


def _report(body: str, **extra: object) -> DraftReport:
    return DraftReport.model_validate(
        {"draft_id": "d", "body": body, "language": "en", "model": "m", **extra}
    )


def test_score_case_counts_every_expectation() -> None:
    report = _report(
        "Hi,\nRefunds take 5-10 business days. Call 415 867 5309.",
        questions=[
            QuestionReport(id="q1", text="Can you refund it?", status="answered"),
            QuestionReport(id="q2", text="Why was it down?", status="missing"),
        ],
        flags=[Flag(code="commitment", severity="verify", message="m")],
        citations=[Citation(article_id="billing-refunds", title="t")],
    )
    expect = Expectations(
        questions=QuestionExpectation(count=2, texts=["refund", "down"]),
        flags=["commitment", "stale_article"],
        no_flags=["commitment"],
        pii=["(415) 867-5309", "secret-token"],
        facts=["5-10 business days", ArticleFact(article="billing-refunds"), "48 hours"],
        language="ja",
        max_chars=10,
    )
    scored = score_case(report, ["sent secret-token"], expect)
    s = scored.scores
    assert (s.questions_expected, s.questions_covered, s.coverage) == (2, 1, 0.5)
    assert (s.flag_tp, s.flag_fn, s.flag_fp) == (1, 1, 1)
    assert (s.pii_leaks_sent, s.pii_leaks_draft) == (1, 1)  # re-spaced digits still match
    assert (s.facts_hit, s.facts_expected) == (2, 3)
    assert s.language_ok is False and s.length_ok is False
    assert len(scored.failures) == 8


def test_summary_and_gates() -> None:
    cases = [
        CaseResult(
            suite="s",
            case_id=str(i),
            model="m",
            request_hash="h",
            status="passed",
            latency_ms=float(i),
        )
        for i in range(1, 21)
    ]
    summary = summarize("m", cases)
    assert summary.latency_p50_ms == 10 and summary.latency_p95_ms == 19
    assert summary.cost_usd is None and summary.pass_rate == 1
    run = EvalRun(
        run_id="r",
        started_at="t",
        models=["m"],
        prompt_version="p",
        suites=[],
        summaries=[summary.model_copy(update={"pii_leaks": 2, "coverage": 0.9})],
    )
    gates = parse_gates("coverage<0.95, pii_leaks>0,flag_recall<0.9")
    assert [g.metric for g in gates] == ["coverage", "pii_leaks", "flag_recall"]
    failures = failed_gates(run, gates)
    assert len(failures) == 2  # flag_recall is null: not measured, never fails
    with pytest.raises(ValueError, match="unknown metric in gate 2 of --fail-on") as bad:
        parse_gates("coverage<0.9,recall<1")
    assert "recall<" not in str(bad.value) and "flag_recall" in str(bad.value)
    assert percentile([], 0.5) is None


def test_masking_keeps_flag_spans_on_the_placeholder() -> None:
    text = "Hi Maria, card 4111 1111 1111 1111 here."
    masked = _apply(text, [(3, 8, "PERSON"), (15, 34, "CREDIT_CARD")], [(15, 34), (0, 2), (10, 20)])
    assert masked.text == "Hi <PERSON_1>, card <CREDIT_CARD_2> here."
    start, end = masked.spans[0]
    assert masked.text[start:end] == "<CREDIT_CARD_2>"
    assert masked.spans[1] == (0, 2)
    assert masked.text[slice(*masked.spans[2])] == "card <CREDIT_CARD_2>"


def test_value_pattern_respects_word_boundaries() -> None:
    sam = value_pattern("Sam")
    assert sam is not None and sam.search("same day") is None and sam.search("Hi Sam,")
    family = value_pattern("山田")
    assert family is not None and family.search("山田様")


def test_coverage_counts_honest_deferrals_and_answered_rate_counts_answers_only() -> None:
    report = _report(
        "Hi",
        questions=[
            QuestionReport(id="q1", text="Can you refund it?", status="answered"),
            QuestionReport(id="q2", text="Why was it down?", status="pending"),
            QuestionReport(id="q3", text="How long is shipping?", status="pending"),
        ],
        flags=[
            Flag(code="deferred_question", severity="verify", message="m", evidence="q3"),
        ],
    )
    expect = Expectations(questions=QuestionExpectation(count=3, texts=["refund", "down", "ship"]))
    scored = score_case(report, [], expect)
    s = scored.scores
    # q2 is an honest deferral (no KB answer); q3 defers what the KB answers: not covered.
    assert (s.questions_expected, s.questions_covered, s.questions_answered) == (3, 2, 1)
    assert any("deferred but the KB answers it" in f for f in scored.failures)
    result = CaseResult(
        suite="s", case_id="c", model="m", request_hash="h", status="failed", scores=s
    )
    summary = summarize("m", [result])
    assert (summary.coverage, summary.answered_rate) == (0.6667, 0.3333)
