"""``replydraft eval run`` gates and ``eval compare`` through the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.results import load_run, write_run
from service.cli.main import app
from service.settings import get_settings
from tests.evals.conftest import suite_document, write_suite

cli = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _run(tmp_path: Path, *extra: str) -> tuple[int, str]:
    suite = write_suite(tmp_path / "tiny.yaml", suite_document())
    args = [
        "eval",
        "run",
        str(suite),
        "--model",
        "offline",
        "--out",
        str(tmp_path / "out"),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--no-progress",
        *extra,
    ]
    result = cli.invoke(app, args)
    return result.exit_code, result.output


def test_run_then_compare_flags_an_injected_regression(tmp_path: Path, env: None) -> None:
    code, output = _run(tmp_path)
    assert code == 0, output
    base = tmp_path / "out" / "results.json"
    same = cli.invoke(app, ["eval", "compare", str(base), str(base)])
    assert same.exit_code == 0 and "no change" in same.output

    run = load_run(base)
    worse = run.model_copy(deep=True)
    first = next(c for c in worse.cases if c.status == "passed")
    first.status = "failed"
    first.failures = ["PII value #1 is in the draft"]
    first.scores.pii_leaks_draft = 1
    worse.summaries[0].pii_leaks += 1
    new = tmp_path / "new.json"
    write_run(worse, new)
    result = cli.invoke(app, ["eval", "compare", str(base), str(new)])
    assert result.exit_code == 1
    assert f"tiny/{first.case_id}: passed -> failed" in result.output
    assert "pii_leaks" in result.output
    back = cli.invoke(app, ["eval", "compare", str(new), str(base)])
    assert back.exit_code == 0 and "improved" in back.output


def test_gate_failure_exits_1_and_bad_gate_exits_2(tmp_path: Path, env: None) -> None:
    code, _ = _run(tmp_path, "--fail-on", "pass_rate<1.01")
    assert code == 1
    code, _ = _run(tmp_path, "--fail-on", "pass_rate<0")
    assert code == 0
    code, output = _run(tmp_path, "--fail-on", "nonsense")
    assert code == 2 and "invalid gate 1 of --fail-on" in output
    assert "nonsense" not in output


def test_bad_suite_is_one_line_exit_2(tmp_path: Path, env: None) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("suite: x\ncases: []\n", encoding="utf-8")
    result = cli.invoke(app, ["eval", "run", str(bad), "--model", "offline"])
    assert result.exit_code == 2 and "bad.yaml: field 'cases'" in result.output
