"""``replydraft``: sub-commands load lazily, and the listed help is each command's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from service.cli.main import LAZY_COMMANDS, app, load_command


def _own_help(target: object) -> str:
    if isinstance(target, typer.Typer):
        return str(target.info.help)
    return (getattr(target, "__doc__", "") or "").strip().splitlines()[0]


def test_listed_short_help_is_each_commands_own_first_line() -> None:
    for name, (_module, _attr, short_help) in LAZY_COMMANDS.items():
        assert short_help == _own_help(load_command(name)), name


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in LAZY_COMMANDS:
        assert f"  {name} " in result.output


def test_help_imports_no_heavy_engine() -> None:
    """``replydraft --help`` must not import Presidio, FastAPI or litellm (seconds each)."""
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from service.cli.main import app\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "heavy = [m for m in ('presidio_analyzer', 'fastapi', 'litellm', 'sqlalchemy')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("module", ["service.cli.main", "service.cli"])
def test_python_dash_m_runs_the_command(module: str) -> None:
    """``python -m service.cli.main --help`` printed nothing and exited 0: no ``__main__`` guard."""
    out = subprocess.run(
        [sys.executable, "-m", module, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],  # this checkout's ``service``
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"Usage: python -m {module} [OPTIONS] COMMAND")
    assert "  draft " in out.stdout


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["drafts"])
    assert result.exit_code == 2


ENGINES = ("presidio_analyzer", "litellm", "sudachipy", "spacy", "alembic")


def test_each_commands_help_imports_no_engine() -> None:
    """``replydraft COMMAND --help`` loads the command: no Presidio, Sudachi, litellm, Alembic."""
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from service.cli.main import LAZY_COMMANDS, app\n"
        "for name in LAZY_COMMANDS:\n"
        "    result = CliRunner().invoke(app, [name, '--help'])\n"
        "    assert result.exit_code == 0, name\n"
        f"    loaded = [m for m in {ENGINES!r} if m in sys.modules]\n"
        "    print(name, ','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    lines = out.stdout.strip().splitlines()
    assert [line.split(" ")[0] for line in lines] == list(LAZY_COMMANDS)
    assert [line for line in lines if line.strip() not in LAZY_COMMANDS] == []
