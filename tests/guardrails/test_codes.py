"""The flag-code list matches the registry and the public contract."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from guardrails.codes import FLAG_CODES, FLAG_SEVERITY, FlagCode
from guardrails.registry import GUARDRAIL_CLASSES, GUARDRAIL_FACTORIES

CONTRACT = Path(__file__).resolve().parents[2].parent / "shared" / "CONTRACT.md"


def _contract_rows() -> dict[str, str]:
    return dict(re.findall(r"^\| `(\w+)` \| (block|verify|info) \|", CONTRACT.read_text(), re.M))


def test_every_registered_guardrail_has_a_contract_code() -> None:
    assert set(GUARDRAIL_FACTORIES) <= FLAG_CODES


def test_each_guardrail_declares_the_contract_severity_of_its_code() -> None:
    contract = _contract_rows()
    for name, cls in GUARDRAIL_CLASSES.items():
        assert cls.code == name
        assert cls.severity == contract[cls.code] == FLAG_SEVERITY[cls.code], cls


def test_codes_and_severities_match_the_contract() -> None:
    assert _contract_rows() == FLAG_SEVERITY
    assert set(get_args(FlagCode)) == set(FLAG_SEVERITY) == FLAG_CODES
