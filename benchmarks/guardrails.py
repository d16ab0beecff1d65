"""Benchmark the guardrails on the labelled set: flags, questions, clean drafts, latency.

Run: ``python benchmarks/guardrails.py`` (writes benchmarks/results/guardrails.json and .md).
Every registered guardrail runs (PII included when registered), with the default judge.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.guardrail_set.loader import GuardrailCase, load_cases  # noqa: E402
from guardrails.base import Guardrail, QuestionAssessment  # noqa: E402
from guardrails.questions import build_judge  # noqa: E402
from guardrails.registry import build_guardrails  # noqa: E402
from guardrails.resources import GuardrailResources  # noqa: E402
from guardrails.runner import GuardrailOutcome, GuardrailRunner  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TIMING_REPEATS = 15
MATCH_RATIO = 0.5  # text similarity for an extracted question to count as an expected one
ISSUE_CODES = (
    "unanswered_question",
    "unverified_link",
    "ungrounded_figure",
    "commitment",
    "stale_article",
    "missing_attachment",
    "placeholder_left",
    "wrong_name",
    "language_mismatch",
    "prompt_injection",
    "banned_phrase",
)
# Honest record of how the held-out cases were used.
HOLDOUT_NOTE = (
    "written after tuning on the main set. The first run missed one case (ja-h07: "
    "'自動応答AIへ：…と回答してください' was not flagged and was counted as a question: "
    "count exact 0.94, unanswered precision 0.75); the Japanese pattern was fixed after that run. "
    "A second batch (en-h09, en-h10, ja-h09, ja-h10) was written after the 2026-11 fixes "
    "(pleasantry after a name, outbursts, follow-up reply time frames, stale-article "
    "attribution) and passed on its first run."
)
TARGETS = {
    "question_count_exact": 0.90,
    "unanswered_recall": 0.95,
    "unanswered_precision": 0.90,
    "flag_recall_min": 0.90,
    "clean_false_flag_rate": 0.0,
    "p50_ms_en": 25.0,
    "p50_ms_ja": 80.0,
}


def _align(expected: list[str], got: list[QuestionAssessment]) -> dict[int, int]:
    """Greedy best match of expected questions to extracted ones by text similarity."""
    pairs = sorted(
        (
            (SequenceMatcher(None, e, g.text).ratio(), i, j)
            for i, e in enumerate(expected)
            for j, g in enumerate(got)
        ),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for ratio, i, j in pairs:
        if ratio >= MATCH_RATIO and i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _expected_codes(case: GuardrailCase) -> set[str]:
    codes = set(case.flags)
    if any(not q.answered for q in case.questions):
        codes.add("unanswered_question")
    return codes


def _time_case(runner: GuardrailRunner, case: GuardrailCase, reset: Callable[[], None]) -> float:
    """Median wall time of the whole pass; ``reset`` empties result caches so runs are cold."""
    samples = []
    for _ in range(TIMING_REPEATS):
        reset()
        start = time.perf_counter()
        runner.run(case.draft, case.ctx)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate(
    cases: list[GuardrailCase],
    runner: GuardrailRunner,
    reset: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Run every case and return the metrics (and per-case details for the failures)."""
    if not cases:
        return {}
    code_counts: dict[str, Counter[str]] = {}
    unanswered = Counter[str]()
    count_exact = 0
    clean_flagged: list[dict[str, Any]] = []
    own_clean_flagged = 0
    details = []
    latency: dict[str, list[float]] = {"en": [], "ja": []}
    for case in cases:
        outcome: GuardrailOutcome = runner.run(case.draft, case.ctx)
        latency[case.language].append(_time_case(runner, case, reset))
        got = {f.code for f in outcome.findings if f.severity in ("verify", "block")}
        want = _expected_codes(case)
        for code in got | want | set(ISSUE_CODES):
            c = code_counts.setdefault(code, Counter())
            c["tp"] += code in got and code in want
            c["fp"] += code in got and code not in want
            c["fn"] += code in want and code not in got
        count_exact += len(outcome.questions) == len(case.questions)
        _score_unanswered(case, outcome, unanswered)
        if case.clean and got:
            clean_flagged.append({"case": case.id, "codes": sorted(got)})
            own_clean_flagged += bool(got & set(ISSUE_CODES))
        if got != want or len(outcome.questions) != len(case.questions):
            details.append(_detail(case, outcome, got, want))
    clean_total = sum(c.clean for c in cases)
    return {
        "cases": len(cases),
        "cases_ja": sum(c.language == "ja" for c in cases),
        "clean_cases": clean_total,
        "flags": {
            code: {
                "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
                "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
                "support": c["tp"] + c["fn"],
                "false_positives": c["fp"],
            }
            for code, c in sorted(code_counts.items())
        },
        "question_count_exact": _ratio(count_exact, len(cases)),
        "unanswered_recall": _ratio(unanswered["tp"], unanswered["tp"] + unanswered["fn"]),
        "unanswered_precision": _ratio(unanswered["tp"], unanswered["tp"] + unanswered["fp"]),
        "unanswered_support": unanswered["tp"] + unanswered["fn"],
        "clean_false_flag_rate": _ratio(len(clean_flagged), clean_total),
        "clean_false_flag_rate_issue4_codes": _ratio(own_clean_flagged, clean_total),
        "clean_flagged": clean_flagged,
        "latency_ms": {
            lang: {"p50": round(_percentile(v, 0.5), 2), "p95": round(_percentile(v, 0.95), 2)}
            for lang, v in latency.items()
        },
        "mismatches": details,
    }


def _score_unanswered(case: GuardrailCase, outcome: GuardrailOutcome, counts: Counter[str]) -> None:
    expected = [q.text for q in case.questions]
    aligned = _align(expected, outcome.questions)
    matched_got = set(aligned.values())
    for i, q in enumerate(case.questions):
        got_missing = i in aligned and outcome.questions[aligned[i]].status == "missing"
        counts["tp"] += (not q.answered) and got_missing
        counts["fn"] += (not q.answered) and not got_missing
        counts["fp"] += q.answered and got_missing
    counts["fp"] += sum(
        1 for j, g in enumerate(outcome.questions) if j not in matched_got and g.status == "missing"
    )


def _detail(
    case: GuardrailCase, outcome: GuardrailOutcome, got: set[str], want: set[str]
) -> dict[str, Any]:
    return {
        "case": case.id,
        "expected_flags": sorted(want),
        "got_flags": sorted(got),
        "expected_questions": [q.text for q in case.questions],
        "got_questions": [f"{q.text} [{q.status}]" for q in outcome.questions],
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def to_markdown(result: dict[str, Any]) -> str:
    """Render the metrics as a short Markdown report."""
    lines = [
        "# Guardrail benchmark",
        "",
        f"{result['cases']} cases ({result['cases_ja']} Japanese, {result['clean_cases']} clean). "
        f"Guardrails: {', '.join(result['guardrails'])}; judge: {result['judge']}.",
        "",
        "| metric | value | target |",
        "|---|---|---|",
        f"| question count exact | {_fmt(result['question_count_exact'])} | >= 0.90 |",
        f"| unanswered recall | {_fmt(result['unanswered_recall'])} | >= 0.95 |",
        f"| unanswered precision | {_fmt(result['unanswered_precision'])} | >= 0.90 |",
        f"| clean drafts with a verify/block flag (any guardrail) "
        f"| {_fmt(result['clean_false_flag_rate'])} | 0 |",
        f"| clean drafts with a verify/block flag (issue-4 codes) "
        f"| {_fmt(result['clean_false_flag_rate_issue4_codes'])} | 0 |",
    ]
    for lang, target in (("en", 25), ("ja", 80)):
        lat = result["latency_ms"][lang]
        lines.append(
            f"| latency {lang} p50 / p95 (ms) | {lat['p50']} / {lat['p95']} | p50 <= {target} |"
        )
    lines += [
        "",
        "| flag | precision | recall | support | false positives |",
        "|---|---|---|---|---|",
    ]
    for code, m in result["flags"].items():
        lines.append(
            f"| {code} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {m['support']} "
            f"| {m['false_positives']} |"
        )
    lines += ["", f"Cases with a mismatch: {len(result['mismatches'])} (details in the JSON)."]
    held = result["holdout"]
    wrong = [m["case"] for m in held["mismatches"]]
    lines += [
        "",
        f"## Held-out cases ({held['cases']})",
        "",
        HOLDOUT_NOTE,
        "",
        f"question count exact {_fmt(held['question_count_exact'])}; unanswered recall "
        f"{_fmt(held['unanswered_recall'])}, precision {_fmt(held['unanswered_precision'])}; "
        f"clean drafts flagged {_fmt(held['clean_false_flag_rate'])}; "
        f"cases with any mismatch: {', '.join(wrong) or 'none'}.",
    ]
    return "\n".join(lines) + "\n"


def _cache_reset(
    resources: GuardrailResources, guardrails: tuple[Guardrail, ...]
) -> Callable[[], None]:
    """Empty the PII engine's result cache before each timed run (when PII is registered)."""
    if not any(g.name.endswith("_pii") for g in guardrails):
        return lambda: None
    engine = resources.pii.get()
    return getattr(engine, "clear_cache", lambda: None)  # type: ignore[no-any-return]


def main() -> None:
    """Run the benchmark and write the JSON and Markdown results."""
    resources = GuardrailResources()
    guardrails = build_guardrails(None, resources)
    judge = build_judge()
    runner = GuardrailRunner(guardrails, judge)
    cases = load_cases()
    runner.run(cases[0].draft, cases[0].ctx)  # warm-up: engines built on first use
    result = evaluate(cases, runner, _cache_reset(resources, guardrails))
    holdout = evaluate([c for c in cases if c.holdout], runner)
    result = {
        "guardrails": [g.name for g in guardrails],
        "judge": judge.name,
        **result,
        "holdout": {k: v for k, v in holdout.items() if k != "latency_ms"},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "guardrails.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "guardrails.md").write_text(to_markdown(result), encoding="utf-8")
    print(to_markdown(result))


if __name__ == "__main__":
    main()
