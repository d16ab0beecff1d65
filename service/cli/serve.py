"""``replydraft serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Annotated, Any

import typer
import uvicorn

from service.cli.io import fail, guarded
from service.edge.nodelay import NoDelayHTTPProtocol
from service.edge.reuseport import run_workers
from service.settings import Settings, get_settings


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    no_auth: Annotated[
        bool, typer.Option("--no-auth", help="Keyless local demo (loopback --host only).")
    ] = False,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (state is in the database).")
    ] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    settings = get_settings()
    if no_auth:
        settings = settings.model_copy(update={"auth_disabled": True})
    if settings.auth_disabled:
        if not is_loopback(host):
            fail(
                "keyless mode (--no-auth) only binds to a loopback --host "
                "(127.0.0.1, ::1, localhost)"
            )
        typer.secho(
            "WARNING: API keys are OFF (--no-auth): every local request acts as admin. "
            "Local demos only.",
            err=True,
            fg=typer.colors.RED,
            bold=True,
        )
    typer.echo(
        f"replydraft: serving http://{host}:{port} with {workers} worker(s); "
        "each logs a 'ready' line when it can answer",
        err=True,
    )
    if workers == 1:
        from service.app import serving_app  # FastAPI and the engines: only when serving

        app = guarded(lambda: serving_app(settings))
        uvicorn.run(app, **uvicorn_options(host, port))
        return
    if no_auth:
        # Worker processes read their settings from the environment they inherit.
        os.environ["REPLYDRAFT_AUTH_DISABLED"] = "true"  # noqa: TID251
    guarded(lambda: prepare_shared_state(settings))
    # Each worker listens on a socket of its own, so the kernel spreads connections evenly
    # (one shared socket let whichever worker woke first take a whole burst).
    run_workers("service.app:app_from_env", workers, uvicorn_options(host, port))


def uvicorn_options(host: str, port: int) -> dict[str, Any]:
    """What both ways of serving (one process, or a supervisor and workers) pass uvicorn.

    One place, so the two paths cannot drift apart: the worker path once lost
    ``TCP_NODELAY`` (~40 ms a keep-alive request) where the one-process path kept it.
    The event loop is uvloop (a dependency; none is built for Windows): named, so that a
    broken install fails at start instead of serving on the slower asyncio loop unnoticed.
    """
    return {
        "host": host,
        "port": port,
        "log_level": "warning",
        "http": NoDelayHTTPProtocol,
        "loop": "asyncio" if sys.platform == "win32" else "uvloop",
    }


def prepare_shared_state(settings: Settings) -> None:
    """Migrate the database and derive the name table once, before the workers start.

    Otherwise every worker would race to run the same migration and to build the same
    ~34 MB name table (seconds and gigabytes each).
    """
    from guardrails.pii.names import NameLexicon
    from service.storage.store import Store

    with Store.from_settings(settings) as store:
        store.migrate()
    NameLexicon.load(settings.name_cache_dir)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is localhost or a loopback address (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
