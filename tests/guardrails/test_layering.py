"""``guardrails/`` depends on nothing in ``service/`` (ARCHITECTURE: usable on any draft)."""

from __future__ import annotations

import ast
from pathlib import Path

GUARDRAILS = Path(__file__).resolve().parents[2] / "guardrails"


def test_no_guardrail_module_imports_the_service() -> None:
    offenders = []
    for path in GUARDRAILS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "service"]
    assert offenders == []
