"""``replydraft draft --from HELPDESK FILE``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings
from tests.service.helpdesk.conftest import fixture_path, load_json


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("source", "name"), [("zendesk", "zendesk_ticket.json"), ("email", "email_multipart.eml")]
)
def test_draft_from_a_ticket_file(source: str, name: str) -> None:
    result = CliRunner().invoke(app, ["draft", "--from", source, str(fixture_path(name))])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["body"].startswith("Hi Maria")


def test_malformed_ticket_is_exit_2_and_one_line(tmp_path: Path) -> None:
    data = load_json("freshdesk_ticket.json")
    del data["ticket"]["id"]
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", "--from", "freshdesk", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "ticket.id" in result.stderr


def test_unknown_helpdesk_is_exit_2() -> None:
    path = str(fixture_path("zendesk_ticket.json"))
    result = CliRunner().invoke(app, ["draft", "--from", "kayako", path])
    assert result.exit_code == 2
    assert "unknown helpdesk (--from); use one of: zendesk" in result.stderr
    assert "kayako" not in result.stderr


def test_from_needs_a_file() -> None:
    result = CliRunner().invoke(app, ["draft", "--from", "zendesk"])
    assert result.exit_code == 2
