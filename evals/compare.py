"""Compare two runs case by case: what improved, what regressed (a regression fails CI)."""

from __future__ import annotations

from dataclasses import dataclass, field

from evals.results import CaseResult, EvalRun, ModelSummary

_RANK = {"error": 0, "fallback": 0, "failed": 1, "passed": 2}  # fallback: not the model's
# Summary metrics compared, and whether higher is better.
_METRICS: tuple[tuple[str, bool], ...] = (
    ("pass_rate", True),
    ("coverage", True),
    ("answered_rate", True),
    ("flag_precision", True),
    ("flag_recall", True),
    ("pii_leaks", False),
    ("fact_hit_rate", True),
    ("language_match", True),
    ("length_violations", False),
)
_EPSILON = 1e-9


@dataclass
class Comparison:
    """Lines describing changes; ``regressions`` non-empty means the new run is worse."""

    regressions: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def model_pairs(base: EvalRun, new: EvalRun) -> list[tuple[str, str]]:
    """Models matched by name; two single-model runs are paired whatever their names."""
    shared = [m for m in new.models if m in base.models]
    if shared:
        return [(m, m) for m in shared]
    if len(base.models) == 1 and len(new.models) == 1:
        return [(base.models[0], new.models[0])]
    return []


def compare(base: EvalRun, new: EvalRun) -> Comparison:
    """Case-by-case and summary differences between ``base`` and ``new``."""
    result = Comparison()
    pairs = model_pairs(base, new)
    if not pairs:
        result.notes.append("no model in common: nothing to compare")
    if new.status != "complete":
        result.regressions.append(f"new run is {new.status}")
    for base_model, new_model in pairs:
        label = base_model if base_model == new_model else f"{base_model} -> {new_model}"
        _summaries(base.summary(base_model), new.summary(new_model), label, result)
        _cases(base, new, base_model, new_model, label, result)
    return result


def _summaries(
    old: ModelSummary | None, new: ModelSummary | None, label: str, out: Comparison
) -> None:
    if old is None or new is None:
        return
    for metric, higher_better in _METRICS:
        before, after = getattr(old, metric), getattr(new, metric)
        if before is None or after is None or abs(after - before) < _EPSILON:
            continue
        better = (after > before) == higher_better
        line = f"[{label}] {metric}: {before:g} -> {after:g}"
        (out.improvements if better else out.regressions).append(line)


def _cases(
    base: EvalRun, new: EvalRun, base_model: str, new_model: str, label: str, out: Comparison
) -> None:
    old = {(r.suite, r.case_id): r for r in base.cases if r.model == base_model}
    fresh = {(r.suite, r.case_id): r for r in new.cases if r.model == new_model}
    for key, after in fresh.items():
        name = f"[{label}] {key[0]}/{key[1]}"
        before = old.get(key)
        if before is None:
            out.notes.append(f"{name}: new case ({after.status})")
            continue
        _case_change(name, before, after, out)
    for key in old.keys() - fresh.keys():
        out.notes.append(f"[{label}] {key[0]}/{key[1]}: no longer run")


def _case_change(name: str, before: CaseResult, after: CaseResult, out: Comparison) -> None:
    if _RANK[after.status] < _RANK[before.status]:
        reasons = "; ".join(after.failures[:3]) or after.error or ""
        out.regressions.append(f"{name}: {before.status} -> {after.status} ({reasons})")
    elif _RANK[after.status] > _RANK[before.status]:
        out.improvements.append(f"{name}: {before.status} -> {after.status}")
    elif after.scores.pii_leaks > before.scores.pii_leaks:
        out.regressions.append(
            f"{name}: PII leaks {before.scores.pii_leaks} -> {after.scores.pii_leaks}"
        )
    else:
        new_failures = set(after.failures) - set(before.failures)
        if new_failures and after.status == "failed":
            out.regressions.append(f"{name}: new failure: {sorted(new_failures)[0]}")
