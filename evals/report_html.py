"""A self-contained ``report.html``: the model matrix, then every case, failures first.

One file, no external assets (inline CSS, no scripts), so it can be attached to a CI run and
opened anywhere. Everything in it comes from ``EvalRun``, which is already masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from evals.results import CaseResult, EvalRun, ModelSummary, PublicDraft

# (label, ModelSummary field, format, True when higher is better)
SUMMARY_ROWS: tuple[tuple[str, str, str, bool | None], ...] = (
    ("Cases", "cases", "int", None),
    ("Passed", "passed", "int", True),
    ("Failed", "failed", "int", False),
    ("Errors", "errors", "int", False),
    ("Pass rate", "pass_rate", "pct", True),
    ("Question coverage", "coverage", "pct", True),
    ("Questions answered", "answered_rate", "pct", True),
    ("Flag precision", "flag_precision", "pct", True),
    ("Flag recall", "flag_recall", "pct", True),
    ("PII leaks", "pii_leaks", "int", False),
    ("Grounded facts", "fact_hit_rate", "pct", True),
    ("Language match", "language_match", "pct", True),
    ("Over max length", "length_violations", "int", False),
    ("Latency p50 (ms)", "latency_p50_ms", "ms", False),
    ("Latency p95 (ms)", "latency_p95_ms", "ms", False),
    ("Prompt tokens", "prompt_tokens", "int", None),
    ("Completion tokens", "completion_tokens", "int", None),
    ("Cost (USD)", "cost_usd", "usd", False),
    ("Judge: empathy", "judge_empathy", "score", True),
    ("Judge: clarity", "judge_clarity", "score", True),
    ("Judge: tone", "judge_tone", "score", True),
)
_RANK = {"error": 0, "fallback": 0, "failed": 1, "passed": 2}  # fallback: not the model's


@dataclass(frozen=True)
class Segment:
    """A piece of the draft body and the flags whose span covers it."""

    text: str
    codes: tuple[str, ...]
    severity: str | None


@dataclass(frozen=True)
class CaseRow:
    """One case across the models, for the matrix and the drill-down."""

    suite: str
    case_id: str
    tags: list[str]
    worst: str
    cells: list[CaseResult | None]


def fmt(value: object, kind: str) -> str:
    """Format a summary value; null is shown as an em dash."""
    if value is None:
        return "—"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if kind == "usd" and isinstance(value, int | float):
        return f"${value:.4f}"
    if kind in ("ms", "score") and isinstance(value, int | float):
        return f"{value:.1f}" if kind == "ms" else f"{value:.2f}"
    return str(value)


def segments(draft: PublicDraft) -> list[Segment]:
    """Split the body at flag span edges so each flagged stretch can be highlighted."""
    spans = [f for f in draft.flags if f.start is not None and f.end is not None]
    edges = sorted(
        {0, len(draft.body), *(f.start or 0 for f in spans), *(f.end or 0 for f in spans)}
    )
    out: list[Segment] = []
    for start, end in zip(edges, edges[1:], strict=False):
        if start >= end:
            continue
        active = [f for f in spans if (f.start or 0) <= start and end <= (f.end or 0)]
        severity = None
        if active:
            severity = "block" if any(f.severity == "block" for f in active) else active[0].severity
        out.append(Segment(draft.body[start:end], tuple(f.code for f in active), severity))
    return out


def case_rows(run: EvalRun) -> list[CaseRow]:
    """Cases as rows (one cell per model), failures and errors first."""
    by_key: dict[tuple[str, str], dict[str, CaseResult]] = {}
    for result in run.cases:
        by_key.setdefault((result.suite, result.case_id), {})[result.model] = result
    rows = []
    for (suite, case_id), cells in by_key.items():
        statuses = [c.status for c in cells.values()]
        worst = min(statuses, key=lambda s: _RANK[s])
        tags = next(iter(cells.values())).tags
        rows.append(CaseRow(suite, case_id, tags, worst, [cells.get(m) for m in run.models]))
    return sorted(rows, key=lambda r: _RANK[r.worst])  # stable: suite order within a status


def _summary_cells(run: EvalRun) -> list[tuple[str, list[str], list[str]]]:
    rows = []
    for label, name, kind, higher_better in SUMMARY_ROWS:
        summaries: list[ModelSummary | None] = [run.summary(m) for m in run.models]
        values = [getattr(s, name) if s else None for s in summaries]
        if name.startswith("judge") and all(v is None for v in values):
            continue  # no judge configured: no empty rows
        best = _best(values, higher_better)
        rows.append((label, [fmt(v, kind) for v in values], ["best" if b else "" for b in best]))
    return rows


def _best(values: list[object], higher_better: bool | None) -> list[bool]:
    numbers = [v for v in values if isinstance(v, int | float)]
    if higher_better is None or len(numbers) < 2 or len(set(numbers)) == 1:
        return [False] * len(values)
    target = max(numbers) if higher_better else min(numbers)
    return [v == target for v in values]


def render(run: EvalRun) -> str:
    """The report as one HTML string."""
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    source = resources.files("evals").joinpath("report.html.j2").read_text(encoding="utf-8")
    template = env.from_string(source)
    return template.render(
        run=run,
        summary_rows=_summary_cells(run),
        rows=case_rows(run),
        segments=segments,
    )


def write_report(run: EvalRun, path: Path) -> None:
    """Write ``report.html`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(run), encoding="utf-8")
    tmp.replace(path)
