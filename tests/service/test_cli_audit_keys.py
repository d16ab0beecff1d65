"""``replydraft keys ...`` and ``replydraft audit ...``: output, exit codes, one-line failures."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete
from typer.testing import CliRunner, Result

from service.cli.main import app
from service.settings import get_settings
from service.storage import Store
from service.storage.audit import AuditLog
from service.storage.audit_key import load_audit_key
from service.storage.audit_models import RedactionDecision
from service.storage.keys import KeyStore
from service.storage.tables import AuditRow

EMAIL = "maria.lopez@example.com"


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.from_settings(get_settings()) as store:
        store.migrate()
        yield store


@pytest.fixture
def audit(store: Store) -> AuditLog:
    """The same chain and key the CLI uses."""
    log = AuditLog(store.engine, load_audit_key(get_settings()))
    for n in range(3):
        log.append(
            [
                RedactionDecision(
                    entity_type="EMAIL_ADDRESS",
                    recognizer="EmailRecognizer",
                    score=1.0,
                    start=0,
                    end=len(EMAIL),
                    action="mask",
                    value=EMAIL,
                )
            ],
            request_id=f"r{n}",
            draft_id=f"drf_{n}",
            tenant="k",
        )
    return log


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_failure(result: Result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]


# keys


def test_keys_create_prints_the_key_once(store: Store) -> None:
    result = run("keys", "create", "--role", "auditor", "--name", "Compliance team")
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip()
    assert raw.startswith("rd_") and "\n" not in raw
    assert "not shown again" in result.stderr
    key = KeyStore(store.engine).authenticate(raw)
    assert key is not None and key.role == "auditor" and key.name == "Compliance team"
    listed = run("keys", "list")
    assert listed.exit_code == 0 and key.id in listed.stdout
    assert raw not in listed.stdout and raw[20:] not in listed.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--role", "root", "--name", "x"], "unknown role"),
        (["--role", "agent", "--name", " "], "name"),
    ],
)
def test_keys_create_bad_input_exits_2(store: Store, args: list[str], fragment: str) -> None:
    one_line_failure(run("keys", "create", *args), fragment)


def test_keys_revoke(store: Store) -> None:
    key, raw = KeyStore(store.engine).create("agent", "desk")
    result = run("keys", "revoke", key.id)
    assert result.exit_code == 0 and key.id in result.stdout
    assert KeyStore(store.engine).authenticate(raw) is None
    listed = run("keys", "list").stdout.split("\t")
    assert listed[4] != "-"  # the revoked-at column (after id, role, tenant, created)
    one_line_failure(run("keys", "revoke", "0000000000000000"), "not found")


# audit


def test_verify_ok_and_broken(audit: AuditLog, store: Store) -> None:
    ok = run("audit", "verify")
    assert ok.exit_code == 0 and "ok: 3 records" in ok.stdout
    with store.engine.begin() as connection:
        connection.execute(delete(AuditRow).where(AuditRow.seq == 2))
    broken = run("audit", "verify")
    assert broken.exit_code == 1
    assert "BROKEN at record 2" in broken.stdout


def test_verify_an_empty_log(store: Store) -> None:
    assert run("audit", "verify").exit_code == 0


def test_export_jsonl_to_stdout(audit: AuditLog) -> None:
    result = run("audit", "export", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["seq"] for x in lines] == [1, 2, 3] and EMAIL not in result.stdout


def test_export_csv_to_a_file(audit: AuditLog, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    result = run("audit", "export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0 and "exported 3 records" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 and EMAIL not in out.read_text(encoding="utf-8")


def test_export_bad_format_or_path_exits_2(audit: AuditLog, tmp_path: Path) -> None:
    one_line_failure(run("audit", "export", "--format", "xml"), "--format")
    bad = tmp_path / "missing-dir" / "x.csv"
    one_line_failure(run("audit", "export", "--format", "csv", "--out", str(bad)), "cannot write")


def test_purge_leaves_a_verifiable_chain(audit: AuditLog) -> None:
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    result = run("audit", "purge", "--before", tomorrow)
    assert result.exit_code == 0, result.output
    assert "purged 3 records; checkpoint at seq 4" in result.stdout
    assert run("audit", "verify").exit_code == 0
    again = run("audit", "purge", "--before", "2000-01-01")
    assert again.exit_code == 0 and "nothing older" in again.stdout


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "31/01/2026", ""])
def test_purge_bad_date_exits_2(store: Store, value: str) -> None:
    one_line_failure(run("audit", "purge", "--before", value), "--before")


def test_keys_create_with_a_tenant(store: Store) -> None:
    result = run("keys", "create", "--role", "agent", "--name", "Acme desk", "--tenant", "acme")
    assert result.exit_code == 0, result.output
    key = KeyStore(store.engine).authenticate(result.stdout.strip())
    assert key is not None and key.tenant == "acme"
    assert "tenant 'acme'" in result.stderr
    assert "\tacme\t" in run("keys", "list").stdout


def test_keys_create_with_a_bad_tenant_exits_2(store: Store) -> None:
    one_line_failure(
        run("keys", "create", "--role", "agent", "--name", "x", "--tenant", "a b"), "tenant"
    )


def test_kb_import_for_a_tenant(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "refunds.md").write_text(
        "---\nid: refunds\ntitle: Refunds\n---\n# Refunds\n\nWe refund duplicate charges.\n"
    )
    assert run("kb", "import", str(folder), "--id", "help", "--tenant", "acme").exit_code == 0
    assert store.list_knowledge_bases(tenant="acme") == ["help"]
    assert store.list_knowledge_bases(tenant="globex") == []
    taken = run("kb", "import", str(folder), "--id", "help", "--tenant", "globex")
    one_line_failure(taken, "taken by another tenant")
