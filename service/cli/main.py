"""The ``replydraft`` command: sub-commands are listed here, implemented beside it.

Each sub-command's module is imported only when that command runs, so ``replydraft --help``
and light commands do not pay for Presidio, FastAPI or litellm. The short help shown in the
command list is written here; ``tests/service/test_cli_main.py`` checks it against each
command's own docstring.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from service.cli.click_errors import UsageError
from service.errors import ReplydraftError

# name -> (module, attribute, short help). The attribute is a command function or a Typer app.
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "serve": ("service.cli.serve", "serve", "Serve the HTTP API (OpenAPI docs at /docs)."),
    "draft": (
        "service.cli.drafting",
        "draft",
        "Draft a reply for a request; prints the DraftReport JSON.",
    ),
    "check": (
        "service.cli.drafting",
        "check",
        "Run the guardrails on the request's `draft`; prints the DraftReport JSON.",
    ),
    "redact": (
        "service.cli.redact",
        "redact",
        "Detect and mask personal data; prints one result per input line, same order.",
    ),
    "kb": ("service.cli.imports", "kb_app", "Knowledge bases."),
    "voice": ("service.cli.imports", "voice_app", "Brand voices."),
    "replies": (
        "service.cli.imports",
        "replies_app",
        "Saved replies (macros, canned answers) drafts may start from.",
    ),
    "keys": ("service.cli.keys", "keys_app", "API keys and their roles."),
    "audit": ("service.cli.audit", "audit_app", "The redaction audit log."),
    "eval": (
        "service.cli.evals",
        "eval_app",
        "Eval suites: a prompt x model matrix with caching, reports and CI gates.",
    ),
    "integrations": (
        "service.cli.helpdesk",
        "integrations_app",
        "Helpdesk integrations: base URL, API credentials, webhook signing secret (admin).",
    ),
    "worker": (
        "service.cli.helpdesk",
        "worker",
        "Run a helpdesk worker: drafts for webhook events, delivered back to the helpdesk.",
    ),
    "doctor": (
        "service.cli.doctor",
        "doctor",
        "Check the configured model: reachable, key accepted, context size, judge JSON.",
    ),
}


def load_command(name: str) -> Any:
    """Import and return the command function or Typer app registered as ``name``."""
    module, attribute, _help = LAZY_COMMANDS[name]
    return getattr(importlib.import_module(module), attribute)


class LazyCommands(TyperGroup):
    """A command group that imports a sub-command's module only when it is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Every sub-command name, without importing any of them."""
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The click command for ``cmd_name``, built on first use."""
        if cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        target = load_command(cmd_name)
        command: Any
        if isinstance(target, typer.Typer):
            command = typer.main.get_group(target)
        else:
            single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
            single.command(name=cmd_name)(target)
            command = typer.main.get_command(single)
        command.name = cmd_name
        return command

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Read the top-level options; a mistake in them ends as one line naming no value."""
        try:
            return list(super().parse_args(ctx, args))
        except UsageError as exc:
            from service.cli.usage import one_line

            raise one_line(exc) from None

    def invoke(self, ctx: Any) -> Any:
        """Run the sub-command; a usage mistake in it ends as one line naming no value."""
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            from service.cli.usage import one_line

            raise one_line(exc) from None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list from ``LAZY_COMMANDS``' short help (nothing imported)."""
        rows = [(name, LAZY_COMMANDS[name][2]) for name in sorted(LAZY_COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="replydraft",
    cls=LazyCommands,
    help="Draft customer-support replies with guardrails. Settings: REPLYDRAFT_* variables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Draft customer-support replies with guardrails. Settings: REPLYDRAFT_* variables."""


def main() -> None:
    """Console entry point: replydraft's own errors end as one line, never a traceback."""
    try:
        app()
    except ReplydraftError as exc:
        sys.stderr.write(f"replydraft: error: {exc.message}\n")
        raise SystemExit(
            2 if exc.status_code < 500 or exc.code == "configuration_error" else 1
        ) from None


if __name__ == "__main__":  # ``python -m service.cli.main``, as ``python -m service.cli``
    main()
