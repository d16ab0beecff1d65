"""The detector version is derived from the detector's files and library versions: any change
to a recognizer's source or shipped data changes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrails.pii import version


def test_the_version_covers_the_recognizers_and_the_normaliser() -> None:
    names = {p.as_posix() for p in version.detector_files()}
    for module in ("pii/engine.py", "pii/recognizers_ja.py", "pii/languages.py", "normalise.py"):
        assert any(name.endswith(module) for name in names), module
    assert any(name.endswith(".tsv.gz") for name in names)  # shipped name list


def test_the_version_changes_with_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules.py"
    rules.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(version, "_GUARDRAILS", tmp_path)
    monkeypatch.setattr(version, "detector_files", lambda: [rules])
    version.detector_version.cache_clear()
    try:
        before = version.detector_version()
        rules.write_text("A = 2\n", encoding="utf-8")
        version.detector_version.cache_clear()
        assert version.detector_version() != before
    finally:
        version.detector_version.cache_clear()


def test_the_version_is_stable_within_a_process() -> None:
    assert version.detector_version() == version.detector_version()
    assert len(version.detector_version()) == 16


def test_the_libraries_that_change_findings_are_covered() -> None:
    for library in (
        "names-dataset",
        "pycountry",
        "spacy",
        "phonenumbers",
        "sudachidict-core",
        "wordfreq",
    ):
        assert library in version._LIBRARIES


def test_a_spacy_model_changes_the_version() -> None:
    assert version.detector_version("no-such-model") != version.detector_version()
