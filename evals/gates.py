"""CI gates: ``--fail-on "coverage<0.95,pii_leaks>0,flag_recall<0.9"`` against each model."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from evals.results import EvalRun, ModelSummary

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
}
_GATE = re.compile(r"^\s*([a-z_0-9]+)\s*(<=|>=|==|<|>)\s*(-?[0-9.]+)\s*$")
GATE_METRICS = tuple(
    name
    for name, info in ModelSummary.model_fields.items()
    if info.annotation in (int, float, int | None, float | None)
)


@dataclass(frozen=True)
class Gate:
    """A failure condition on one summary metric, e.g. ``pii_leaks > 0``."""

    metric: str
    op: str
    threshold: float

    def __str__(self) -> str:
        return f"{self.metric}{self.op}{self.threshold:g}"


def parse_gates(spec: str) -> list[Gate]:
    """Parse a comma-separated list; ValueError names the bad gate's place and valid metrics.

    The gate's text is not echoed (the CLI never echoes what an operator typed).
    """
    gates = []
    for place, part in enumerate(filter(None, (p.strip() for p in spec.split(","))), start=1):
        match = _GATE.match(part)
        if match is None:
            raise ValueError(
                f"invalid gate {place} of --fail-on: expected METRIC<OP>NUMBER "
                "(OP one of <, <=, >, >=, ==), e.g. coverage<0.95"
            )
        metric, op, number = match.groups()
        if metric not in GATE_METRICS:
            raise ValueError(
                f"unknown metric in gate {place} of --fail-on; use one of: "
                f"{', '.join(GATE_METRICS)}"
            )
        gates.append(Gate(metric, op, float(number)))
    return gates


def failed_gates(run: EvalRun, gates: list[Gate]) -> list[str]:
    """One line per (model, gate) that fails; a null metric (not measured) never fails."""
    failures = []
    for summary in run.summaries:
        for gate in gates:
            value = getattr(summary, gate.metric)
            if value is not None and _OPS[gate.op](float(value), gate.threshold):
                failures.append(f"{summary.model}: {gate.metric}={value:g} fails gate {gate}")
    return failures
