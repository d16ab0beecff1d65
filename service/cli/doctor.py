"""``replydraft doctor``: check the configured model end to end, one line per check."""

from __future__ import annotations

import asyncio
import logging

import typer

from service.cli.io import BAD_INPUT, guarded
from service.settings import get_settings

# Engines are imported where a command runs, not at import: ``--help`` stays light.


def doctor() -> None:
    """Check the configured model: reachable, key accepted, context size, judge JSON.

    Prints one line per check (ok / FAIL / warn, and what to fix); exits 2 on a failure.
    """
    from service.backends.diagnose import diagnose

    settings = guarded(get_settings)
    # Each check's line already names the cause: keep the per-attempt warnings off stderr.
    quiet = logging.NullHandler()
    backends = logging.getLogger("service.backends")
    backends.addHandler(quiet)
    try:
        checks = guarded(lambda: asyncio.run(diagnose(settings)))
    finally:
        backends.removeHandler(quiet)
    for check in checks:
        typer.echo(check.line())
    if any(not c.ok and c.required for c in checks):
        raise typer.Exit(BAD_INPUT)
