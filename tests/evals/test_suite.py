"""Suite loading: the shipped suites are valid; errors name the file, the case and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evals.suite import SuiteError, load_suite, load_suites
from tests.conftest import REPO
from tests.evals.conftest import suite_document, write_suite

SHIPPED = [REPO / "evals" / "suites" / "core_en.yaml", REPO / "evals" / "suites" / "core_ja.yaml"]


def test_shipped_suites_have_at_least_80_cases() -> None:
    suites = load_suites(SHIPPED)
    assert sum(len(s.cases) for s in suites) >= 80
    languages = {c.expect.language for s in suites for c in s.cases}
    assert {"en", "ja"} <= languages
    kinds = {t for s in suites for c in s.cases for t in c.tags}
    assert {"multi-question", "angry", "happy", "pending", "stale", "wrong-name"} <= kinds
    assert {"injection", "pii"} <= kinds


def _broken(tmp_path: Path, mutate: Any) -> str:
    document = suite_document()
    mutate(document)
    path = write_suite(tmp_path / "broken.yaml", document)
    with pytest.raises(SuiteError) as info:
        load_suite(path)
    return str(info.value)


def test_unknown_flag_code_names_file_case_and_field(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["cases"][1]["expect"]["flags"] = ["wrong_nmae"]

    message = _broken(tmp_path, mutate)
    assert "broken.yaml" in message and "case 'invoices'" in message
    assert "expect.flags" in message and "wrong_nmae" in message


def test_bad_request_field_is_named(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["cases"][0]["request"]["thread"]["channel"] = "fax"

    message = _broken(tmp_path, mutate)
    assert "case 'refund'" in message and "request.thread.channel" in message


def test_case_without_id_is_named_by_position(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        del d["cases"][2]["id"]

    message = _broken(tmp_path, mutate)
    assert "case #3" in message and "'id'" in message


def test_duplicate_ids_and_yaml_syntax(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["cases"][1]["id"] = "refund"

    assert "duplicate case id" in _broken(tmp_path, mutate)
    bad = tmp_path / "syntax.yaml"
    bad.write_text("suite: x\ncases:\n  - id: a\n    request: {thread: [\n", encoding="utf-8")
    with pytest.raises(SuiteError, match=r"syntax\.yaml: cannot read .*line"):
        load_suite(bad)


def test_defaults_are_merged_under_each_request(tmp_path: Path) -> None:
    suite = load_suite(write_suite(tmp_path / "ok.yaml", suite_document()))
    assert all(c.request.knowledge_base for c in suite.cases)
    assert suite.cases[0].request_hash() != suite.cases[1].request_hash()
