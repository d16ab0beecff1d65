"""The eval cache of entity offsets is keyed by the detector version: findings of another
version (or of a memo written before versions) are never served."""

from __future__ import annotations

import json
from pathlib import Path

from evals.masking import EntityMemo
from guardrails.pii.version import detector_version


def test_a_memo_is_read_back_by_the_same_detector_version(tmp_path: Path) -> None:
    path = tmp_path / "entities.json"
    memo = EntityMemo(path, version="v1")
    memo.put("k", [(0, 4, "PERSON")])
    memo.save()
    assert EntityMemo(path, version="v1").get("k") == [(0, 4, "PERSON")]
    assert json.loads(path.read_text(encoding="utf-8"))["detector_version"] == "v1"


def test_another_detector_version_does_not_serve_old_findings(tmp_path: Path) -> None:
    path = tmp_path / "entities.json"
    memo = EntityMemo(path, version="v1")
    memo.put("k", [(0, 4, "PERSON")])
    memo.save()
    assert EntityMemo(path, version="v2").get("k") is None


def test_a_memo_written_before_versions_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "entities.json"
    path.write_text(json.dumps({"k": [[0, 4, "PERSON"]]}), encoding="utf-8")  # the old layout
    assert EntityMemo(path).get("k") is None


def test_the_default_version_is_the_detectors(tmp_path: Path) -> None:
    assert EntityMemo(tmp_path / "entities.json").version == detector_version()
