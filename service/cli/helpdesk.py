"""Helpdesk commands: ``draft --from HELPDESK FILE``, ``integrations``, ``worker``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError

from service.cli.io import fail, guarded, read_text
from service.helpdesk.integrations import VENDORS, IntegrationSettings
from service.helpdesk.sources import SOURCES, request_from_bytes
from service.models import DraftRequest
from service.models.validation import describe
from service.settings import get_settings

if TYPE_CHECKING:
    from service.helpdesk.context import HelpdeskStores

# Engines are imported where a command runs, not at import: ``--help`` stays light.


def read_ticket(source: str, path: Path | None, jsonl: Path | None = None) -> DraftRequest:
    """The ``DraftRequest`` for a ticket file in ``source``'s shape, or the one-line failure."""
    if path is None or jsonl is not None:
        fail("--from takes one ticket FILE (not --jsonl)")
    if source not in SOURCES:
        fail(f"unknown helpdesk (--from); use one of: {', '.join(SOURCES)}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except OSError as exc:
        fail(f"{path}: cannot read ({type(exc).__name__})")
    return guarded(lambda: request_from_bytes(source, raw))


def _check_vendor(vendor: str) -> None:
    """The one-line failure for a helpdesk name that is not one (the name is not echoed)."""
    if vendor not in VENDORS:
        fail(f"unknown helpdesk (VENDOR); use one of: {', '.join(VENDORS)}")


integrations_app = typer.Typer(
    help="Helpdesk integrations: base URL, API credentials, webhook signing secret (admin).",
    no_args_is_help=True,
)


def _stores() -> HelpdeskStores:
    from service.helpdesk.context import HelpdeskStores
    from service.storage.store import Store

    settings = get_settings()
    store = Store.from_settings(settings)
    store.migrate()
    return HelpdeskStores.build(settings, store.engine)


def _secrets(path: Path) -> dict[str, Any]:
    text = sys.stdin.read() if str(path) == "-" else read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        fail(f"{path}: not valid JSON")
    if not isinstance(data, dict):
        fail(f'{path}: expected {{"credentials": {{...}}, "signing_secret": "..."}}')
    return data


@integrations_app.command("set")
def set_integration(
    vendor: Annotated[str, typer.Argument(help=", ".join(VENDORS))],
    base_url: Annotated[str, typer.Option(help="The helpdesk API base URL.")],
    secrets_file: Annotated[
        Path,
        typer.Option(
            "--secrets",
            help='JSON {"credentials": {...}, "signing_secret": "..."}; "-" reads standard input '
            "(secrets never go on the command line).",
        ),
    ],
) -> None:
    """Store (or replace) an integration; prints what was stored, never a secret."""
    _check_vendor(vendor)
    data = _secrets(secrets_file)
    try:
        settings = IntegrationSettings.model_validate({"base_url": base_url, **data})
        settings.check_credentials(vendor)
    except ValidationError as exc:
        fail(describe(exc))
    except ValueError as exc:
        fail(str(exc))
    view = guarded(lambda: _stores().integrations.put(vendor, settings))
    typer.echo(view.model_dump_json())


@integrations_app.command("list")
def list_integrations() -> None:
    """List integrations: vendor, base URL, credential field names (never secrets)."""
    for view in guarded(lambda: _stores().integrations.list()):
        typer.echo(view.model_dump_json())


@integrations_app.command("remove")
def remove_integration(vendor: Annotated[str, typer.Argument(help=", ".join(VENDORS))]) -> None:
    """Remove an integration: its webhooks are refused from now on."""
    _check_vendor(vendor)
    guarded(lambda: _stores().integrations.remove(vendor))
    typer.echo(f"removed the {vendor} integration")


def worker() -> None:
    """Run a helpdesk worker: drafts for webhook events, delivered back to the helpdesk."""
    from service.jobs.worker import run_worker

    settings = guarded(get_settings)
    run_worker(settings)
