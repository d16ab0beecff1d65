"""``replydraft keys create|list|revoke``: API keys (admin work; needs database access)."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli.io import guarded
from service.settings import get_settings
from service.storage.keys import ROLES, KeyStore
from service.storage.store import Store
from service.tenancy import DEFAULT_TENANT

keys_app = typer.Typer(help="API keys and their roles.", no_args_is_help=True)


def _keys() -> KeyStore:
    store = Store.from_settings(get_settings())
    store.migrate()
    return KeyStore(store.engine)


@keys_app.command("create")
def create(
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")],
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    tenant: Annotated[
        str, typer.Option(help="The tenant whose data the key may see (admins see all).")
    ] = DEFAULT_TENANT,
) -> None:
    """Create a key and print it once on standard output (only its hash is stored)."""
    key, raw = guarded(lambda: _keys().create(role, name, tenant=tenant))
    typer.echo(raw)
    typer.echo(
        f"created key {key.id} ({key.role}, {key.name!r}, tenant {key.tenant!r}); "
        "it is not shown again",
        err=True,
    )


@keys_app.command("list")
def list_keys() -> None:
    """List keys: id, role, tenant, created, revoked, name (never secrets)."""
    for key in guarded(lambda: _keys().list_keys()):
        revoked = key.revoked_at.isoformat() if key.revoked_at else "-"
        created = key.created_at.isoformat()
        typer.echo(f"{key.id}\t{key.role}\t{key.tenant}\t{created}\t{revoked}\t{key.name}")


@keys_app.command("revoke")
def revoke(key_id: Annotated[str, typer.Argument(help="The key id (from keys list).")]) -> None:
    """Revoke a key: requests with it get 401 from now on."""
    key = guarded(lambda: _keys().revoke(key_id))
    typer.echo(f"revoked key {key.id} ({key.role}, {key.name!r})")
