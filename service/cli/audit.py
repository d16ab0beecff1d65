"""``replydraft audit verify|export|purge``: the redaction audit log from the command line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.io import fail, guarded
from service.settings import get_settings

if TYPE_CHECKING:
    from service.storage.audit import AuditLog, ExportFormat

# Engines are imported where a command runs, not at import: ``--help`` stays light.

audit_app = typer.Typer(help="The redaction audit log.", no_args_is_help=True)
BROKEN = 1


def _audit_log() -> AuditLog:
    from service.storage.audit import AuditLog
    from service.storage.audit_key import load_audit_key
    from service.storage.store import Store

    settings = get_settings()
    store = Store.from_settings(settings)
    store.migrate()
    return AuditLog(store.engine, load_audit_key(settings))


@audit_app.command("verify")
def verify() -> None:
    """Walk the chain: exit 0 when intact, 1 naming the first bad record otherwise."""
    result = guarded(lambda: _audit_log().verify())
    head = f"head seq {result.head_seq}, hash {result.head_hash}" if result.head_seq else "no head"
    if result.ok:
        typer.echo(f"audit chain ok: {result.checked} records checked ({head})")
        return
    typer.echo(f"audit chain BROKEN at record {result.first_bad_seq}: {result.reason}")
    raise typer.Exit(BROKEN)


@audit_app.command("export")
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write; default stdout.")
    ] = None,
) -> None:
    """Write every record as JSONL or CSV (values appear only as keyed HMACs)."""
    from service.storage.audit_export import EXPORT_FORMATS

    if fmt not in EXPORT_FORMATS:
        fail(f"unknown export format (--format); use one of: {', '.join(EXPORT_FORMATS)}")
    chosen: ExportFormat = "csv" if fmt == "csv" else "jsonl"
    log = guarded(_audit_log)
    if out is None:
        guarded(lambda: log.export(chosen, sys.stdout))
        return
    try:
        with out.open("w", encoding="utf-8", newline="") as stream:
            count = guarded(lambda: log.export(chosen, stream))
    except OSError as exc:
        fail(f"{out}: cannot write ({type(exc).__name__})")
    typer.echo(f"exported {count} records to {out}", err=True)


@audit_app.command("purge")
def purge(
    before: Annotated[str, typer.Option(help="ISO date or datetime (UTC unless it says).")],
) -> None:
    """Delete records older than BEFORE, leaving a signed checkpoint so the chain verifies."""
    cutoff = parse_cutoff(before)
    result = guarded(lambda: _audit_log().purge(cutoff))
    if result.checkpoint is None:
        typer.echo(f"nothing older than {cutoff.isoformat()}")
        return
    typer.echo(f"purged {result.deleted} records; checkpoint at seq {result.checkpoint.seq}")


def parse_cutoff(text: str, option: str = "--before") -> dt.datetime:
    """``YYYY-MM-DD`` (midnight UTC) or an ISO datetime; a one-line failure otherwise."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        fail(f"invalid date ({option}): use an ISO date like 2026-01-31 or an ISO datetime")
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
