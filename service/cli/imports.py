"""``replydraft kb import``, ``replydraft voice import`` and ``replydraft replies import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError

from service.cli.io import fail, guarded
from service.knowledge.files import load_knowledge_base, load_voice
from service.knowledge.saved_replies import load_saved_replies
from service.models.request import Id
from service.settings import get_settings
from service.storage.store import Store
from service.tenancy import DEFAULT_TENANT

kb_app = typer.Typer(help="Knowledge bases.", no_args_is_help=True)
voice_app = typer.Typer(help="Brand voices.", no_args_is_help=True)
replies_app = typer.Typer(
    help="Saved replies (macros, canned answers) drafts may start from.", no_args_is_help=True
)

_ID: TypeAdapter[str] = TypeAdapter(Id)
IdOption = Annotated[str, typer.Option("--id", help="The id requests refer to.")]
TenantOption = Annotated[str, typer.Option("--tenant", help="The tenant whose keys may use it.")]


def _store() -> Store:
    store = Store.from_settings(get_settings())
    store.migrate()
    return store


def _check_id(value: str, kind: str) -> str:
    """``value`` if it is a valid ``kind`` id; the one-line failure naming the rule otherwise.

    The value is never echoed, as the HTTP API's 404s never echo an id.
    """
    try:
        return _ID.validate_python(value)
    except ValidationError:
        fail(
            f"invalid {kind} id (--id): 1 to 128 letters, digits, '_', '.', ':' or '-', "
            "starting with a letter or digit"
        )


@kb_app.command("import")
def kb_import(
    directory: Annotated[Path, typer.Argument(help="Folder of .md/.json articles.")],
    kb_id: IdOption,
    tenant: TenantOption = DEFAULT_TENANT,
) -> None:
    """Store the articles of DIRECTORY as knowledge base ID (replacing it)."""
    kb_id = _check_id(kb_id, "knowledge base")
    articles = guarded(lambda: load_knowledge_base(directory))
    guarded(lambda: _store().put_knowledge_base(kb_id, articles, tenant=tenant))
    typer.echo(f"stored knowledge base {kb_id!r}: {len(articles)} articles")


@voice_app.command("import")
def voice_import(
    file: Annotated[Path, typer.Argument(help="A voice JSON file.")],
    voice_id: IdOption,
    tenant: TenantOption = DEFAULT_TENANT,
) -> None:
    """Store the voice in FILE as voice ID (replacing it)."""
    voice_id = _check_id(voice_id, "voice")
    voice = guarded(lambda: load_voice(file))
    guarded(lambda: _store().put_voice(voice_id, voice, tenant=tenant))
    typer.echo(f"stored voice {voice_id!r}")


@replies_app.command("import")
def replies_import(
    file: Annotated[
        Path,
        typer.Argument(help="JSON, Markdown, Zendesk macros or Help Scout saved replies."),
    ],
    set_id: IdOption,
    tenant: TenantOption = DEFAULT_TENANT,
) -> None:
    """Store the saved replies in FILE as set ID (replacing it); each is ID:KEY."""
    set_id = _check_id(set_id, "saved-reply set")
    if ":" in set_id:
        fail("invalid saved-reply set id (--id): it has no ':' (replies are ID:KEY)")
    loaded = guarded(lambda: load_saved_replies(file, set_id))
    guarded(lambda: _store().put_saved_replies(set_id, loaded.replies, tenant=tenant))
    skipped = f" ({loaded.skipped} macros without a comment skipped)" if loaded.skipped else ""
    ids = ", ".join(r.id for r in loaded.replies)
    typer.echo(f"stored {len(loaded.replies)} saved replies{skipped}: {ids}")
