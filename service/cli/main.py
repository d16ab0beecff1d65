"""The ``replydraft`` command: sub-commands are registered here, implemented beside it."""

from __future__ import annotations

import sys

import typer

from service.cli.audit import audit_app
from service.cli.drafting import check, draft
from service.cli.evals import eval_app
from service.cli.helpdesk import integrations_app, worker
from service.cli.imports import kb_app, voice_app
from service.cli.keys import keys_app
from service.cli.redact import redact
from service.cli.serve import serve
from service.errors import ReplydraftError

app = typer.Typer(
    name="replydraft",
    help="Draft customer-support replies with guardrails. Settings: REPLYDRAFT_* variables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(serve)
app.command()(draft)
app.command()(check)
app.command()(redact)
app.add_typer(kb_app, name="kb")
app.add_typer(voice_app, name="voice")
app.add_typer(keys_app, name="keys")
app.add_typer(audit_app, name="audit")
app.add_typer(eval_app, name="eval")
app.add_typer(integrations_app, name="integrations")
app.command()(worker)


def main() -> None:
    """Console entry point: replydraft's own errors end as one line, never a traceback."""
    try:
        app()
    except ReplydraftError as exc:
        sys.stderr.write(f"replydraft: error: {exc.message}\n")
        raise SystemExit(
            2 if exc.status_code < 500 or exc.code == "configuration_error" else 1
        ) from None
