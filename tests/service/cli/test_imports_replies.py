"""``replydraft replies import``: every shipped format, tenants, and exit 2 with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings
from service.storage import Store
from tests.service.conftest import en_request

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "saved_replies"


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    get_settings.cache_clear()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _stored(tenant: str | None = None) -> list[str]:
    with Store.from_settings(get_settings()) as store:
        store.migrate()
        return [r.id for r in store.list_saved_replies(tenant=tenant)]


@pytest.mark.parametrize(
    ("file", "ids"),
    [
        (
            "saved_replies.json",
            ["s:duplicate-charge", "s:invoices-pdf", "s:ja-duplicate-charge"],
        ),
        ("zendesk_macros.json", ["s:360001"]),
        ("helpscout_saved_replies.json", ["s:234567"]),
        ("ja_refund.md", ["s:ja-refund-steps"]),
    ],
)
def test_each_example_format_imports(runner: CliRunner, file: str, ids: list[str]) -> None:
    result = runner.invoke(app, ["replies", "import", str(EXAMPLES / file), "--id", "s"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"stored {len(ids)} saved replies")
    assert all(i in result.stdout for i in ids)
    assert _stored() == ids


def test_zendesk_import_says_what_it_skipped(runner: CliRunner) -> None:
    path = EXAMPLES / "zendesk_macros.json"
    result = runner.invoke(app, ["replies", "import", str(path), "--id", "zd"])
    assert "(1 macros without a comment skipped)" in result.stdout


def test_import_then_draft_from_it(runner: CliRunner, tmp_path: Path) -> None:
    path = EXAMPLES / "saved_replies.json"
    assert runner.invoke(app, ["replies", "import", str(path), "--id", "team"]).exit_code == 0
    request = tmp_path / "r.json"
    request.write_text(json.dumps(en_request(saved_reply_id="team:duplicate-charge")))
    result = runner.invoke(app, ["draft", str(request)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["saved_reply_id"] == "team:duplicate-charge"
    assert report["body"].startswith("Hi Maria,") and "{{" not in report["body"]


def test_tenant_option_scopes_and_guards_the_set(runner: CliRunner) -> None:
    path = str(EXAMPLES / "zendesk_macros.json")
    assert runner.invoke(app, ["replies", "import", path, "--id", "zd", "--tenant", "acme"])
    assert _stored("acme") == ["zd:360001"] and _stored("default") == []
    result = runner.invoke(app, ["replies", "import", path, "--id", "zd", "--tenant", "globex"])
    assert result.exit_code == 2 and "another tenant" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "set_id", "fragment"),
    [
        ("{broken", "s", "nor valid JSON"),
        ('[{"id": "a", "body": ""}]', "s", "empty text"),
        ('{"macros": [{"id": 1, "title": "T", "actions": []}]}', "s", "no saved reply"),
        ('[{"id": "a", "body": "x"}]', "a:b", "has no ':'"),
        ('[{"id": "a", "body": "x"}]', "bad id", "invalid saved-reply set id (--id)"),
        ('[{"id": "a", "body": "x\\u0000y"}]', "s", "saved reply 1: body"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    runner: CliRunner, tmp_path: Path, content: str, set_id: str, fragment: str
) -> None:
    path = tmp_path / "replies.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["replies", "import", str(path), "--id", set_id])
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _stored() == []


def test_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["replies", "import", str(tmp_path / "no.json"), "--id", "s"])
    assert result.exit_code == 2 and "no such file" in result.stderr
