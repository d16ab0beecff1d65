"""Every CLI error about operator input names the kind and the allowed values, never the value.

What an operator types may be a pasted secret or a customer's details; the HTTP API's 404s
never echo an id, and neither does the CLI now (it echoed ids, helpdesk names, export formats,
dates, roles, gates, hosts, and typer quoted bad option values). Each case: exit 2, one line on
standard error, nothing on standard output, the value nowhere, the kind and what is allowed
named. Run on SQLite and PostgreSQL: some of these reach the store (``integrations remove``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings
from tests.service.storage.conftest import empty_url, pg_base_url  # noqa: F401 - fixtures

# What an operator might paste by mistake: a customer's address. Never valid as any of these.
PASTED = "maria.k@example.com"

# (arguments, what the one line must say). "{file}" is a readable file, "{dir}" a folder.
CASES: list[tuple[list[str], str]] = [
    (["kb", "import", "{dir}", "--id", PASTED], "invalid knowledge base id (--id): 1 to 128"),
    (["voice", "import", "{file}", "--id", PASTED], "invalid voice id (--id): 1 to 128"),
    (["replies", "import", "{file}", "--id", PASTED], "invalid saved-reply set id (--id)"),
    (["replies", "import", "{file}", "--id", f"set:{PASTED[:5]}"], "it has no ':'"),
    (
        ["keys", "create", "--role", PASTED, "--name", "n"],
        "unknown role; use one of: agent, engineer, auditor, admin",
    ),
    (["keys", "create", "--role", "agent", "--name", "n", "--tenant", PASTED], "a tenant name"),
    (["keys", "revoke", PASTED], "API key not found"),
    (["audit", "export", "--format", PASTED], "unknown export format (--format); use one of"),
    (["audit", "purge", "--before", PASTED], "invalid date (--before): use an ISO date"),
    (
        ["eval", "import", "feedback", "--since", PASTED, "--out", "{out}"],
        "invalid date (--since): use an ISO date",
    ),
    (
        ["eval", "run", "{file}", "--model", "offline", "--fail-on", PASTED],
        "invalid gate 1 of --fail-on: expected METRIC<OP>NUMBER",
    ),
    (
        ["eval", "run", "{file}", "--model", "offline", "--fail-on", f"{PASTED[:5]}k<1"],
        "unknown metric in gate 1 of --fail-on; use one of: cases,",
    ),
    (
        ["eval", "import", PASTED],
        "invalid value for 'source': use one of: bipia, presidio, feedback",
    ),
    (["draft", "--from", PASTED, "{file}"], "unknown helpdesk (--from); use one of: zendesk"),
    (
        ["integrations", "set", PASTED, "--base-url", "https://x.example", "--secrets", "{file}"],
        "unknown helpdesk (VENDOR); use one of: zendesk",
    ),
    (["integrations", "remove", PASTED], "unknown helpdesk (VENDOR); use one of: zendesk"),
    (["serve", "--no-auth", "--host", PASTED], "only binds to a loopback --host (127.0.0.1"),
    (["serve", "--port", PASTED], "invalid value for '--port': Input should be a valid integer"),
    (["serve", "--workers", "6400"], "invalid value for '--workers': Input should be less than"),
    ([PASTED], "unknown command; use one of: audit, check"),
    (["kb", "import", "{dir}", "--id", "x", PASTED], "unexpected or missing argument; see"),
    # Top-level options are read before any command: typer printed its usage block there.
    ([f"--{PASTED[:5]}"], "unknown option; see"),
    ([f"--{PASTED[:5]}={PASTED}", "kb"], "unknown option; see"),
]


@pytest.fixture
def database(empty_url: URL, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:  # noqa: F811
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", empty_url.render_as_string(hide_password=False))
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    monkeypatch.delenv("REPLYDRAFT_AUTH_DISABLED", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("args", "says"), CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_a_cli_error_names_the_kind_and_never_the_value(
    database: None, tmp_path: Path, args: list[str], says: str
) -> None:
    file = tmp_path / "input.json"
    file.write_text(json.dumps({"credentials": {}, "signing_secret": "s"}), encoding="utf-8")
    places = {"{file}": str(file), "{dir}": str(tmp_path), "{out}": str(tmp_path / "o.yaml")}
    result = CliRunner().invoke(app, [places.get(arg, arg) for arg in args])
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert result.stderr.startswith("replydraft: error: ")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    typed = [arg for arg in args if PASTED[:5] in arg or arg == "6400"]
    assert typed and not any(value in result.output for value in typed)
    assert "maria" not in result.output


def test_a_group_without_its_command_still_shows_its_help() -> None:
    # The negative: typer's request for help is not turned into an error line.
    result = CliRunner().invoke(app, ["kb"])
    assert "Usage:" in result.output and "import" in result.output
    assert "replydraft: error" not in result.output


def test_no_arguments_at_all_still_show_the_top_level_help() -> None:
    # The negative of the top-level rewrite: typer's help for a bare command stays its own.
    result = CliRunner().invoke(app, [])
    assert "Usage:" in result.output and "Commands" in result.output
    assert "replydraft: error" not in result.output


def test_a_good_option_value_is_untouched(database: None, tmp_path: Path) -> None:
    # The negative: a valid value goes through (the handler only rewrites mistakes).
    (tmp_path / "a.md").write_text(
        "---\nid: a\ntitle: A\nurl: https://x.example/a\nlast_reviewed: 2026-01-01\n---\nText.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["kb", "import", str(tmp_path), "--id", "help.center"])
    assert result.exit_code == 0, result.output
    assert "stored knowledge base 'help.center': 1 articles" in result.stdout
