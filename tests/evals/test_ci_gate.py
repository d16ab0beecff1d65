"""The offline eval gate of CI, run by pytest too: a builder who runs pytest sees it fail.

``.ci/run`` ends with ``replydraft eval run`` on the starter suites with the offline model and
``--fail-on`` gates; a change to asks, the judge, the drafter or the guardrails that breaks a
gate used to show only there. This test reads that command from ``.ci/run`` (``ci_command``:
one source for the suites, the model and the gates) and runs it through the same CLI, with the
results in a temporary directory and no result cache, so nothing stale passes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.gates import parse_gates
from evals.suite import load_suites
from service.cli.main import app
from service.settings import get_settings
from tests.evals.ci_command import REPO, ci_eval_argv, option_value, with_option


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """CI's environment: no model configured; storage in a temporary database; repo as cwd."""
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    monkeypatch.chdir(REPO)  # the command's suite paths are relative to the repository
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_the_ci_eval_command_is_read_whole() -> None:
    argv = ci_eval_argv()
    gates = parse_gates(option_value(argv, "--fail-on"))
    assert {g.metric for g in gates} >= {"coverage", "pii_leaks", "flag_recall"}
    assert option_value(argv, "--model") == "offline"
    suites = [REPO / a for a in argv[2:] if a.endswith((".yaml", ".yml", ".json"))]
    assert suites and all(path.is_file() for path in suites)
    assert load_suites(suites)


@pytest.mark.slow
def test_the_offline_eval_gate_of_ci_passes(tmp_path: Path, env: None) -> None:
    argv = with_option(ci_eval_argv(), "--out", str(tmp_path / "out"))
    argv = with_option(argv, "--cache-dir", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, [*argv, "--no-cache"])
    # the summary line and every "gate failed" line name what broke
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "results.json").is_file()
