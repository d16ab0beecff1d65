"""The eval result cache's pipeline fingerprint: what invalidates cached verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals import cache
from service.settings import Settings


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in package root holding code, a shipped table and a bytecode cache."""
    (tmp_path / "rules.py").write_text("THRESHOLD = 0.5\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "weights.npz").write_bytes(b"weights v1")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"bytecode v1")
    monkeypatch.setattr(cache, "_SOURCES", (("stand_in", ""),))
    monkeypatch.setattr(cache.resources, "files", lambda _name: tmp_path)
    return tmp_path


def test_a_retrained_model_file_changes_the_fingerprint(package: Path) -> None:
    before = cache.pipeline_fingerprint(Settings())
    (package / "data" / "weights.npz").write_bytes(b"weights v2")
    assert cache.pipeline_fingerprint(Settings()) != before


def test_a_code_change_changes_the_fingerprint(package: Path) -> None:
    before = cache.pipeline_fingerprint(Settings())
    (package / "rules.py").write_text("THRESHOLD = 0.6\n")
    assert cache.pipeline_fingerprint(Settings()) != before


def test_bytecode_does_not_change_the_fingerprint(package: Path) -> None:
    before = cache.pipeline_fingerprint(Settings())
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"bytecode v2")
    assert cache.pipeline_fingerprint(Settings()) == before
