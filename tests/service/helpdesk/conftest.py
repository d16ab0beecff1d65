"""Fixture files for the helpdesk adapters (examples/helpdesk, written from the vendors' docs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES

FIXTURES = EXAMPLES / "helpdesk"


def fixture_path(name: str) -> Path:
    return FIXTURES / name


def load_json(name: str) -> Any:
    return json.loads(fixture_path(name).read_text(encoding="utf-8"))
