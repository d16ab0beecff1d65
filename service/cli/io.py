"""Reading requests for the CLI, and the one-line, exit-2 failure for bad input."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from service.errors import ConfigurationError, ReplydraftError
from service.models.validation import describe

M = TypeVar("M", bound=BaseModel)
BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print one line to standard error and exit 2."""
    sys.stderr.write(f"replydraft: error: {message}\n")
    raise typer.Exit(BAD_INPUT)


def read_text(path: Path) -> str:
    """A UTF-8 file's text, or a one-line failure."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read ({type(exc).__name__})")


def read_one(path: Path, model: type[M]) -> M:
    """Validate a JSON file as ``model``."""
    try:
        return model.model_validate_json(read_text(path))
    except ValidationError as exc:
        fail(f"{path}: {describe(exc)}")


def read_jsonl(path: Path, model: type[M]) -> list[M]:
    """Validate every non-empty line first, so a bad line fails before any output."""
    items = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(model.model_validate_json(line))
        except ValidationError as exc:
            fail(f"{path}:{number}: {describe(exc)}")
    if not items:
        fail(f"{path}: no requests")
    return items


R = TypeVar("R")


def guarded(action: Callable[[], R]) -> R:
    """Run ``action``; replydraft's own errors become the one-line failure."""
    try:
        return action()
    except ReplydraftError as exc:
        if exc.status_code < 500 or isinstance(exc, ConfigurationError):
            fail(exc.message)
        sys.stderr.write(f"replydraft: {exc.code}: {exc.message}\n")
        raise typer.Exit(1) from None
