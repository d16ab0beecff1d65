"""Command-line mistakes typer finds (a bad option value, a missing option) as one line.

Typer prints its usage block and a message that may quote the value given ("'x' is not one of
..."): what an operator typed may be a pasted secret or a customer's details, and the HTTP API
never echoes what a caller sent. Here the message names the option and what it accepts, never
the value, on one line, exit 2 like every other bad-input failure of the CLI.

Typer 0.26 and later vendor click as ``typer._click`` and re-export only ``BadParameter``; the
other usage errors come from ``service.cli.click_errors`` (click's own for an older typer).
"""

from __future__ import annotations

import enum
import sys
import typing
from typing import IO, Any

from pydantic import ValidationError

from service.cli.click_errors import (
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from service.cli.io import BAD_INPUT


class OneLineUsageError(ClickException):
    """A usage mistake told in one line on standard error (``replydraft: error: ...``)."""

    exit_code = BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        """Write the one line (typer would add the usage block and a hint)."""
        (file or sys.stderr).write(f"replydraft: error: {self.message}\n")


def _choices(annotation: Any) -> list[str]:
    """The values an Enum or Literal annotation allows (empty for any other type)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(member.value) for member in annotation]
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    return []


def _accepted(exc: UsageError) -> str:
    """What the parameter accepts: its choices, or pydantic's value-free message."""
    param: Any = getattr(exc, "param", None)
    runtime = param.get_runtime_param() if param is not None else None
    choices = _choices(getattr(runtime, "annotation", None))
    if choices:
        return "use one of: " + ", ".join(choices)
    cause = exc.__cause__
    if isinstance(cause, ValidationError):
        first = cause.errors()[0]
        # A value_error's message is the validator's own text, which may quote the value;
        # pydantic's other messages never do ("Input should be a valid integer").
        if first["type"] != "value_error":
            return str(first["msg"])
    return "see --help"


def describe_usage_error(exc: UsageError) -> str:
    """The one-line message for ``exc``: the option's name and what it accepts, no value."""
    command = exc.ctx.command_path if exc.ctx is not None else "replydraft"
    see = f"see '{command} --help'"
    param: Any = getattr(exc, "param", None)
    if param is not None:
        hint = param.get_error_hint()
        if isinstance(exc, MissingParameter):
            return f"missing {hint}; {see}"
        return f"invalid value for {hint}: {_accepted(exc)}"
    if isinstance(exc, NoSuchOption):
        return f"unknown option; {see}"
    if exc.ctx is not None and exc.message.startswith("No such command"):
        names = exc.ctx.command.list_commands(exc.ctx)  # type: ignore[attr-defined]
        return f"unknown command; use one of: {', '.join(names)}"
    return f"unexpected or missing argument; {see}"


def one_line(exc: UsageError) -> ClickException:
    """``exc`` as a :class:`OneLineUsageError`; a request for help stays typer's own."""
    if isinstance(exc, NoArgsIsHelpError):
        return exc
    return OneLineUsageError(describe_usage_error(exc))
