"""``replydraft serve``: the HTTP API under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from service.app import create_app
from service.cli.io import guarded
from service.settings import get_settings


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    app = guarded(lambda: create_app(get_settings()))
    uvicorn.run(app, host=host, port=port, log_level="warning")
