"""``replydraft draft --from HELPDESK FILE``: read a helpdesk's ticket payload as a request."""

from __future__ import annotations

from pathlib import Path

from service.cli.io import fail, guarded
from service.helpdesk.sources import SOURCES, request_from_bytes
from service.models import DraftRequest


def read_ticket(source: str, path: Path | None, jsonl: Path | None = None) -> DraftRequest:
    """The ``DraftRequest`` for a ticket file in ``source``'s shape, or the one-line failure."""
    if path is None or jsonl is not None:
        fail("--from takes one ticket FILE (not --jsonl)")
    if source not in SOURCES:
        fail(f"--from must be one of: {', '.join(SOURCES)}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except OSError as exc:
        fail(f"{path}: cannot read ({type(exc).__name__})")
    return guarded(lambda: request_from_bytes(source, raw))
