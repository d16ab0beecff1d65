"""``replydraft redact --jsonl FILE``: the PII detector, one result per line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from service.cli.io import read_jsonl
from service.models.redact import RedactRequest

# Engines are imported where a command runs, not at import: ``--help`` stays light.


def redact(
    jsonl: Annotated[
        Path, typer.Option("--jsonl", help='One {"text", "language"} object per line.')
    ],
) -> None:
    """Detect and mask personal data; prints one result per input line, same order."""
    requests = read_jsonl(jsonl, RedactRequest)
    from service.pipeline.pii import redact_text
    from service.runtime import shared_resources

    engine = shared_resources().pii
    for request in requests:
        typer.echo(redact_text(engine, request).model_dump_json())
