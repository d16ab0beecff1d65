"""``replydraft serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer
import uvicorn

from service.app import create_app
from service.cli.io import fail, guarded
from service.settings import get_settings


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    no_auth: Annotated[
        bool, typer.Option("--no-auth", help="Keyless local demo (loopback --host only).")
    ] = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    settings = get_settings()
    if no_auth:
        settings = settings.model_copy(update={"auth_disabled": True})
    if settings.auth_disabled:
        if not is_loopback(host):
            fail(f"keyless mode (--no-auth) only binds to loopback, not {host!r}")
        typer.secho(
            "WARNING: API keys are OFF (--no-auth): every local request acts as admin. "
            "Local demos only.",
            err=True,
            fg=typer.colors.RED,
            bold=True,
        )
    app = guarded(lambda: create_app(settings))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is localhost or a loopback address (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
