"""The flag-code list matches the registry and the public contract."""

from __future__ import annotations

import re
from pathlib import Path

from guardrails.codes import FLAG_CODES, FLAG_SEVERITY
from guardrails.registry import GUARDRAIL_FACTORIES

CONTRACT = Path(__file__).resolve().parents[2].parent / "shared" / "CONTRACT.md"


def test_every_registered_guardrail_has_a_contract_code() -> None:
    assert set(GUARDRAIL_FACTORIES) <= FLAG_CODES


def test_codes_and_severities_match_the_contract() -> None:
    rows = re.findall(r"^\| `(\w+)` \| (block|verify|info) \|", CONTRACT.read_text(), re.M)
    assert dict(rows) == FLAG_SEVERITY
