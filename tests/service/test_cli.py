"""The ``replydraft`` CLI: drafts, checks, imports, and exit 2 with one line on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings
from tests.service.conftest import en_request


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    get_settings.cache_clear()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_draft_prints_a_report(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, "req.json", json.dumps(en_request()))
    result = runner.invoke(app, ["draft", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["model"] == "offline" and report["body"].startswith("Hi Maria")


def test_jsonl_prints_one_report_per_line_in_order(runner: CliRunner, tmp_path: Path) -> None:
    first = en_request()
    second = en_request(customer={"name": "Ann Lee"})
    lines = "\n".join(json.dumps(r) for r in (first, second)) + "\n"
    result = runner.invoke(app, ["draft", "--jsonl", str(_write(tmp_path, "r.jsonl", lines))])
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["body"].split(",")[0] for r in reports] == ["Hi Maria", "Hi Ann"]


def test_check_prints_a_report_for_the_draft(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, "c.json", json.dumps(en_request(draft="Hi Maria,\n\nDone.\n\nSam")))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["model"] == "human"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "req.json"),
        (json.dumps({"thread": {"messages": []}}), "thread.messages"),
        (json.dumps({**en_request(), "extra": 1}), "extra"),
    ],
)
def test_bad_request_file_exits_2_with_one_line(
    runner: CliRunner, tmp_path: Path, content: str, fragment: str
) -> None:
    result = runner.invoke(app, ["draft", str(_write(tmp_path, "req.json", content))])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]


def test_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["draft", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_bad_jsonl_line_fails_before_any_output(runner: CliRunner, tmp_path: Path) -> None:
    lines = json.dumps(en_request()) + "\n{broken\n"
    result = runner.invoke(app, ["draft", "--jsonl", str(_write(tmp_path, "r.jsonl", lines))])
    assert result.exit_code == 2 and result.stdout == ""
    assert ":2:" in result.stderr


def test_check_without_draft_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(_write(tmp_path, "c.json", json.dumps(en_request())))]
    )
    assert result.exit_code == 2 and "draft" in result.stderr


def test_kb_and_voice_import_then_draft_by_id(runner: CliRunner, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "refunds.md").write_text(
        "---\nid: billing-refunds\ntitle: Refunds\nurl: https://help.example.com/refunds\n"
        "last_reviewed: 2026-09-01\n---\nWe refund duplicate charges within 5-10 days.\n"
    )
    (kb / "invoices.json").write_text(
        json.dumps(
            {"id": "billing-invoices", "title": "Invoices", "body": "Download invoices as PDF."}
        )
    )
    voice = _write(tmp_path, "voice.json", json.dumps({"brand": "Example Co.", "guide": "Warm."}))
    assert runner.invoke(app, ["kb", "import", str(kb), "--id", "help"]).exit_code == 0
    assert runner.invoke(app, ["voice", "import", str(voice), "--id", "brand"]).exit_code == 0
    request = en_request(
        voice=None, voice_id="brand", knowledge_base=None, knowledge_base_id="help"
    )
    result = runner.invoke(app, ["draft", str(_write(tmp_path, "r.json", json.dumps(request)))])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {c["article_id"] for c in report["citations"]} == {"billing-refunds", "billing-invoices"}


@pytest.mark.parametrize(
    ("front", "fragment"),
    [
        ("title: No id\n", "id"),
        ("id: x\ntitle: T\nlast_reviewed: not-a-date\n", "last_reviewed"),
    ],
)
def test_kb_import_rejects_bad_articles(
    runner: CliRunner, tmp_path: Path, front: str, fragment: str
) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.md").write_text(f"---\n{front}---\nBody\n")
    result = runner.invoke(app, ["kb", "import", str(kb), "--id", "help"])
    assert result.exit_code == 2 and fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_stored_kb_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    request = en_request(knowledge_base=None, knowledge_base_id="missing")
    result = runner.invoke(app, ["draft", str(_write(tmp_path, "r.json", json.dumps(request)))])
    assert result.exit_code == 2
    # One line naming the field; the id the caller typed is not echoed back.
    assert result.stderr.count("\n") == 1
    assert "unknown knowledge base id" in result.stderr and "missing" not in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("REPLYDRAFT_GUARDRAILS", '["no_such_guardrail"]', "no_such_guardrail"),
        ("REPLYDRAFT_QUESTION_JUDGE", "oracle", "oracle"),
    ],
)
def test_bad_settings_exit_2_with_one_line(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    fragment: str,
) -> None:
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    path = _write(tmp_path, "req.json", json.dumps(en_request()))
    result = runner.invoke(app, ["draft", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]


def test_malformed_setting_is_one_line_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from service.cli.main import main

    monkeypatch.setenv("REPLYDRAFT_LLM_TIMEOUT_S", "soon")
    get_settings.cache_clear()
    path = _write(tmp_path, "req.json", json.dumps(en_request()))
    monkeypatch.setattr("sys.argv", ["replydraft", "draft", str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "replydraft: error: REPLYDRAFT_LLM_TIMEOUT_S: Input should be a valid number, "
        "unable to parse string as a number"
    ]
