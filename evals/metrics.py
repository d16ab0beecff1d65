"""Score one draft against its case's expectations, and aggregate scores per model."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from evals.masking import value_pattern
from evals.results import CaseResult, CaseScores, ModelSummary
from evals.suite import ArticleFact, Expectations, QuestionExpectation
from service.models import DraftReport

ANSWERED = "answered"
PENDING = "pending"


def _covered(status: str, deferred_ids: set[str], question_id: str) -> bool:
    """Answered, or honestly deferred.

    A ``pending`` ask counts (DIGEST 000) unless the draft defers what the knowledge base
    answers (``deferred_question``): coverage hides no such deferral.
    """
    return status == ANSWERED or (status == PENDING and question_id not in deferred_ids)


@dataclass
class Scored:
    """A case's scores and the human-readable reasons it failed (may contain PII: mask them)."""

    scores: CaseScores
    failures: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def score_case(report: DraftReport, sent: Sequence[str], expect: Expectations) -> Scored:
    """Every metric for one draft; ``sent`` is what went to a remote model (empty if local)."""
    out = Scored(
        CaseScores(
            length=len(report.body),
            prompt_tokens=report.usage.prompt_tokens,
            completion_tokens=report.usage.completion_tokens,
            cost_usd=report.usage.cost_usd,
        )
    )
    if expect.questions is not None:
        _questions(report, expect.questions, out)
    _flags(report, expect, out)
    _pii(report, sent, expect.pii, out)
    _facts(report, expect, out)
    if expect.language is not None:
        out.scores.language_ok = report.language == expect.language
        if not out.scores.language_ok:
            out.failures.append(f"draft language {report.language}, expected {expect.language}")
    if expect.max_chars is not None:
        out.scores.length_ok = len(report.body) <= expect.max_chars
        if not out.scores.length_ok:
            out.failures.append(f"draft has {len(report.body)} chars, max {expect.max_chars}")
    return out


def _questions(report: DraftReport, expected: QuestionExpectation, out: Scored) -> None:
    found = report.questions
    deferred = {f.evidence for f in report.flags if f.code == "deferred_question" and f.evidence}
    if expected.count is not None:
        out.scores.question_count_ok = len(found) == expected.count
        if not out.scores.question_count_ok:
            out.failures.append(f"{len(found)} questions extracted, expected {expected.count}")
    if expected.texts:
        total, covered, answered = len(expected.texts), 0, 0
        for text in expected.texts:
            match = next((q for q in found if _fold(text) in _fold(q.text)), None)
            if match is None:
                out.failures.append(f"question not extracted: {text!r}")
                continue
            answered += match.status == ANSWERED
            if _covered(match.status, deferred, match.id):
                covered += 1
            elif match.id in deferred:
                out.failures.append(f"question {text!r} is deferred but the KB answers it")
            else:
                out.failures.append(f"question {text!r} is {match.status}")
    else:
        total = expected.count or 0
        covered = min(total, sum(_covered(q.status, deferred, q.id) for q in found))
        answered = min(total, sum(q.status == ANSWERED for q in found))
        if covered < total:
            out.failures.append(f"{total - covered} of {total} questions not covered")
    out.scores.questions_expected, out.scores.questions_covered = total, covered
    out.scores.questions_answered = answered
    out.scores.coverage = covered / total if total else None


def _flags(report: DraftReport, expect: Expectations, out: Scored) -> None:
    raised = {f.code for f in report.flags}
    for code in expect.flags:
        if code in raised:
            out.scores.flag_tp += 1
        else:
            out.scores.flag_fn += 1
            out.failures.append(f"flag {code} not raised")
    for code in expect.no_flags:
        if code in raised:
            out.scores.flag_fp += 1
            out.failures.append(f"flag {code} raised but must not be")


def _pii(report: DraftReport, sent: Sequence[str], values: Sequence[str], out: Scored) -> None:
    draft = f"{report.subject or ''}\n{report.body}"
    for number, value in enumerate(values, start=1):
        pattern = value_pattern(value)
        if pattern is None:
            continue
        if any(pattern.search(text) for text in sent):
            out.scores.pii_leaks_sent += 1
            out.failures.append(f"PII value #{number} was sent to the model")
        if pattern.search(draft):
            out.scores.pii_leaks_draft += 1
            out.failures.append(f"PII value #{number} is in the draft")


def _facts(report: DraftReport, expect: Expectations, out: Scored) -> None:
    if not expect.facts:
        return
    body = _fold(report.body)
    cited = {c.article_id for c in report.citations}
    hits = 0
    for fact in expect.facts:
        if isinstance(fact, ArticleFact):
            ok = fact.article in cited
            label = f"article {fact.article}"
        else:
            ok = _fold(fact) in body
            label = repr(fact)
        hits += ok
        if not ok:
            out.failures.append(f"fact missing: {label}")
    out.scores.facts_expected, out.scores.facts_hit = len(expect.facts), hits
    out.scores.fact_hit_rate = hits / len(expect.facts)


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return round(ordered[rank - 1], 3)


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summarize(model: str, results: Sequence[CaseResult]) -> ModelSummary:
    """Aggregate one model's cases (micro-averaged: every question/flag/fact counts once)."""
    mine = [r for r in results if r.model == model]
    done = [r for r in mine if r.status != "error"]
    s = [r.scores for r in done]
    tp, fp, fn = sum(x.flag_tp for x in s), sum(x.flag_fp for x in s), sum(x.flag_fn for x in s)
    languages = [x.language_ok for x in s if x.language_ok is not None]
    latencies = [r.latency_ms for r in done if r.latency_ms is not None]
    costs = [x.cost_usd for x in s]
    judged = [x.judge for x in s if x.judge is not None]
    return ModelSummary(
        model=model,
        cases=len(mine),
        passed=sum(r.status == "passed" for r in mine),
        failed=sum(r.status == "failed" for r in mine),
        errors=sum(r.status == "error" for r in mine),
        pass_rate=_ratio(sum(r.status == "passed" for r in mine), len(mine)),
        coverage=_ratio(sum(x.questions_covered for x in s), sum(x.questions_expected for x in s)),
        answered_rate=_ratio(
            sum(x.questions_answered for x in s), sum(x.questions_expected for x in s)
        ),
        flag_precision=_ratio(tp, tp + fp),
        flag_recall=_ratio(tp, tp + fn),
        pii_leaks=sum(x.pii_leaks for x in s),
        fact_hit_rate=_ratio(sum(x.facts_hit for x in s), sum(x.facts_expected for x in s)),
        language_match=_ratio(sum(languages), len(languages)),
        length_violations=sum(x.length_ok is False for x in s),
        latency_p50_ms=percentile(latencies, 0.50),
        latency_p95_ms=percentile(latencies, 0.95),
        prompt_tokens=sum(x.prompt_tokens for x in s),
        completion_tokens=sum(x.completion_tokens for x in s),
        cost_usd=(
            round(sum(c for c in costs if c is not None), 6)
            if costs and all(c is not None for c in costs)
            else None
        ),
        judge_empathy=_mean([j.empathy for j in judged]),
        judge_clarity=_mean([j.clarity for j in judged]),
        judge_tone=_mean([j.tone for j in judged]),
        fallbacks=sum(r.status == "fallback" for r in mine),
        judge_unavailable=sum(
            any(f.code == "judge_unavailable" for f in r.draft.flags) for r in mine if r.draft
        ),
        judge_errors=sum(r.judge_error is not None for r in mine),
    )
