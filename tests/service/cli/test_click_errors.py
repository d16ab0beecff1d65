"""The CLI catches the usage errors the installed typer raises, whichever typer that is."""

from __future__ import annotations

import importlib
import importlib.util
import tomllib
from pathlib import Path

import pytest
import typer
from packaging.requirements import Requirement
from packaging.version import Version

import service.cli.click_errors as click_errors

ROOT = Path(__file__).resolve().parents[3]


def test_the_usage_error_typer_raises_is_the_one_the_cli_catches() -> None:
    app = typer.Typer(add_completion=False)

    @app.command()
    def run(count: int = 1) -> None:
        """A command with one option."""

    with pytest.raises(click_errors.UsageError):
        typer.main.get_command(app).main(["--count", "x"], standalone_mode=False)


def test_the_typer_floor_in_pyproject_has_the_vendored_click() -> None:
    # typer._click first shipped in 0.26.0 (0.25.1 still depended on click); the floor was
    # 0.12 while the CLI imported typer._click unconditionally.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (typer_req,) = [
        Requirement(d) for d in project["project"]["dependencies"] if d.startswith("typer")
    ]
    floors = [Version(s.version) for s in typer_req.specifier if s.operator == ">="]
    assert floors and min(floors) >= Version("0.26")


def test_an_older_typer_falls_back_to_clicks_own_exceptions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if importlib.util.find_spec("click") is None:
        pytest.skip("click is not installed")
    real_find_spec = importlib.util.find_spec

    def without_vendored(name: str, package: str | None = None) -> object:
        return None if name == "typer._click" else real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", without_vendored)
    try:
        reloaded = importlib.reload(click_errors)
        assert not reloaded.VENDORED
        assert reloaded.UsageError.__module__ == "click.exceptions"
    finally:
        monkeypatch.undo()
        importlib.reload(click_errors)
    assert click_errors.VENDORED
