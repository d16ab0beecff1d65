"""The README stays true: its commands are what CI runs, and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from service.settings import Settings
from tests.evals.ci_command import ci_eval_argv, option_value

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quickstart_has_exactly_two_commands() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "replydraft draft examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quickstart_commands()[1]
    assert test_command.replace("pip install -e", "pip install -q -e") in ci


def test_the_readme_gate_example_is_the_ci_gate() -> None:
    # the README says .ci/run gates "with the gates above": the example must be CI's gates
    section = README.split("### Gate in CI", 1)[1].split("\n## ", 1)[0]
    example = re.findall(r'--fail-on "([^"]+)"', section)[0]
    assert example == option_value(ci_eval_argv(), "--fail-on")


def test_example_named_in_quickstart_exists() -> None:
    path = _quickstart_commands()[0].rsplit(" ", 1)[1]
    assert (REPO / path).is_file()


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`REPLYDRAFT_{name.upper()}`" in README, name
