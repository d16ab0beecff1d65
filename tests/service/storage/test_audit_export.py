"""The audit export's columns are each documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from service.storage.audit_export import CSV_COLUMNS

README = Path(__file__).resolve().parents[3] / "README.md"


def test_every_export_column_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Personal data and the audit log", 1)[1].split("\n## ", 1)[0]
    documented = {
        name
        for row in re.findall(r"^\s*\| (`[^|]+`) \|", section, re.MULTILINE)
        for name in re.findall(r"`([a-z_]+)`", row)
    }
    assert "source" in CSV_COLUMNS and "destination" in CSV_COLUMNS
    assert set(CSV_COLUMNS) - documented == set()
    assert documented - set(CSV_COLUMNS) == set()
