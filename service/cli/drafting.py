"""``replydraft draft`` and ``replydraft check``."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.io import fail, guarded, read_jsonl, read_one
from service.helpdesk.sources import SOURCES
from service.models import DraftReport, DraftRequest
from service.settings import get_settings

if TYPE_CHECKING:
    from service.runtime import Runtime

# Engines are imported where a command runs, not at import: ``--help`` stays light.

RequestFile = Annotated[Path | None, typer.Argument(help="A DraftRequest JSON file.")]
JsonlOption = Annotated[
    Path | None, typer.Option("--jsonl", help="One request per line; prints one report per line.")
]


def _requests(file: Path | None, jsonl: Path | None) -> tuple[list[DraftRequest], bool]:
    if (file is None) == (jsonl is None):
        fail("give either REQUEST.json or --jsonl FILE")
    if jsonl is not None:
        return read_jsonl(jsonl, DraftRequest), True
    assert file is not None
    return [read_one(file, DraftRequest)], False


# The loggers whose warnings say what happened to the model (one line per failed attempt,
# and the fallback with its reasons); the CLI shows them on stderr, stdout stays JSON.
MODEL_LOGGERS = ("service.backends", "service.pipeline")


@contextmanager
def model_failures_on_stderr() -> Iterator[None]:
    """Print model failure warnings as ``replydraft: ...`` lines on stderr while drafting."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("replydraft: %(message)s"))
    loggers = [logging.getLogger(name) for name in MODEL_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _run(
    requests: list[DraftRequest],
    as_lines: bool,
    action: Callable[[Runtime, DraftRequest], Awaitable[DraftReport]],
) -> None:
    from service.runtime import Runtime

    runtime = guarded(lambda: Runtime.build(get_settings()))  # engines loaded once per batch

    async def run_all() -> None:
        for request in requests:
            report = await action(runtime, request)
            if as_lines:
                typer.echo(report.model_dump_json())
            else:
                typer.echo(report.model_dump_json(indent=2))

    with model_failures_on_stderr():
        guarded(lambda: asyncio.run(run_all()))


def draft(
    file: RequestFile = None,
    jsonl: JsonlOption = None,
    source: Annotated[
        str | None, typer.Option("--from", help="FILE is a helpdesk ticket: " + ", ".join(SOURCES))
    ] = None,
) -> None:
    """Draft a reply for a request; prints the DraftReport JSON."""
    from service.cli.helpdesk import read_ticket

    if source is not None:
        requests, as_lines = [read_ticket(source, file, jsonl)], False
    else:
        requests, as_lines = _requests(file, jsonl)
    _run(requests, as_lines, lambda runtime, request: runtime.draft(request))


def check(file: RequestFile = None, jsonl: JsonlOption = None) -> None:
    """Run the guardrails on the request's `draft`; prints the DraftReport JSON."""
    requests, as_lines = _requests(file, jsonl)
    _run(requests, as_lines, lambda runtime, request: runtime.check(request))
