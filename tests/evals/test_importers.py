"""``replydraft eval import``: BIPIA and Presidio data become loadable suites."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.suite import load_suite
from service.cli.main import app
from tests.conftest import SHARED_DATA

cli = CliRunner()
pytestmark = pytest.mark.skipif(
    not (SHARED_DATA / "injection").is_dir(), reason="../shared/data is not available"
)


def test_bipia_import_pairs_attacked_and_clean_emails(tmp_path: Path) -> None:
    out = tmp_path / "bipia.yaml"
    result = cli.invoke(
        app,
        [
            "eval",
            "import",
            "bipia",
            str(SHARED_DATA / "injection"),
            "--out",
            str(out),
            "--limit",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    suite = load_suite(out)
    assert len(suite.cases) == 6
    attacked = [c for c in suite.cases if "injection" in c.tags]
    assert len(attacked) == 3 and all(c.expect.flags == ["prompt_injection"] for c in attacked)
    assert all(c.expect.no_flags == ["prompt_injection"] for c in suite.cases if "clean" in c.tags)


def test_presidio_import_declares_the_labelled_values(tmp_path: Path) -> None:
    out = tmp_path / "pii.yaml"
    source = SHARED_DATA / "pii" / "presidio_synth_dataset_v2.json"
    result = cli.invoke(
        app, ["eval", "import", "presidio", str(source), "--out", str(out), "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    suite = load_suite(out)
    assert len(suite.cases) == 5 and all(c.expect.pii for c in suite.cases)
    body = suite.cases[0].request.thread.messages[0].body
    assert all(v in body for v in suite.cases[0].expect.pii)


def test_missing_source_is_one_line_exit_2(tmp_path: Path) -> None:
    result = cli.invoke(app, ["eval", "import", "bipia", str(tmp_path), "--out", "x.yaml"])
    assert result.exit_code == 2 and "bipia_email_train.jsonl not found" in result.output
