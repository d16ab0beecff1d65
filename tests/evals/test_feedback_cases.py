"""``replydraft eval import feedback``: drafts agents edited and sent become a runnable suite.

Drafts are made and sent through the API on a store of this test's own; the import reads that
store. Nothing raw may reach the stored request or the suite file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from evals.suite import load_suite
from service.app import create_app
from service.cli.main import app
from service.runtime import Runtime
from service.settings import get_settings
from service.storage.tables import DraftRow
from tests.service.conftest import en_request

cli = CliRunner()
RAW = ("Maria", "Lopez", "4111 1111 1111 1111", "maria.lopez@example.com")


def _request() -> dict[str, object]:
    request = en_request()
    message = request["thread"]["messages"][0]  # type: ignore[index]
    message["body"] += "\nMy card is 4111 1111 1111 1111, mail me at maria.lopez@example.com."
    return request


@pytest.fixture
def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Three drafts: one edited and sent, one sent as drafted, one discarded."""
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.setenv("REPLYDRAFT_AUTH_DISABLED", "true")
    monkeypatch.delenv("REPLYDRAFT_LLM_MODEL", raising=False)
    get_settings.cache_clear()
    settings = get_settings()
    runtime = Runtime.build(settings)
    ids: dict[str, str] = {}
    with TestClient(create_app(settings, runtime=runtime)) as client:
        for outcome in ("edited", "as_drafted", "discarded"):
            report = client.post("/v1/drafts", json=_request()).json()
            ids[outcome] = report["draft_id"]
            feedback: dict[str, object] = {
                "edited": {"sent_text": "Hi Maria,\n\nWe refund the duplicate charge.\n\nSam"},
                "as_drafted": {"sent_text": report["body"]},
                "discarded": {"discarded": True},
            }[outcome]
            answer = client.post(f"/v1/drafts/{report['draft_id']}/feedback", json=feedback)
            assert answer.status_code == 200, answer.text
        with runtime.store.engine.connect() as connection:
            stored = connection.execute(select(DraftRow.masked_request)).scalars().all()
    runtime.store.close()
    # The request is kept with every draft, masked: nothing raw at rest.
    assert len(stored) == 3 and all(stored)
    kept = json.dumps(stored, ensure_ascii=False)
    assert not [value for value in RAW if value in kept]
    assert "<PERSON_1>" in kept and "<CREDIT_CARD_1>" in kept
    yield ids
    get_settings.cache_clear()


def test_edited_drafts_become_a_suite_that_eval_run_accepts(
    drafted: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "from_feedback.yaml"
    result = cli.invoke(
        app, ["eval", "import", "feedback", "--since", "2000-01-01", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 1 cases" in result.output
    text = out.read_text(encoding="utf-8")
    assert not [value for value in RAW if value in text]
    suite = load_suite(out)
    (case,) = suite.cases
    # Only the draft the agent changed before sending; not the one sent as is, nor the discarded.
    assert case.id == f"feedback-{drafted['edited']}"
    assert case.request.customer.name == "<PERSON_1>"
    assert "<CREDIT_CARD_1>" in case.request.thread.messages[0].body
    assert case.expect.language == "en"
    assert "We refund the duplicate charge." in case.description  # what the agent sent
    run = cli.invoke(
        app,
        [
            "eval",
            "run",
            str(out),
            "--model",
            "offline",
            "--out",
            str(tmp_path / "run"),
            "--no-cache",
            "--no-progress",
        ],
    )
    assert run.exit_code == 0, run.output
    results = json.loads((tmp_path / "run" / "results.json").read_text(encoding="utf-8"))
    assert "1/1 passed" in run.output or "0/1 passed" in run.output
    assert json.dumps(results).count(case.id) >= 1


def test_a_bad_since_is_one_line_and_exit_2(drafted: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = cli.invoke(
        app, ["eval", "import", "feedback", "--since", "last week", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "invalid date (--since): use an ISO date" in result.output
    assert "last week" not in result.output
    assert not out.exists()


def test_nothing_since_the_date_writes_nothing(drafted: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = cli.invoke(
        app, ["eval", "import", "feedback", "--since", "2999-01-01", "--out", str(out)]
    )
    assert result.exit_code == 2 and "nothing written" in result.output
    assert not out.exists()


def test_feedback_takes_no_files_and_the_data_sets_need_them(tmp_path: Path) -> None:
    out = str(tmp_path / "x.yaml")
    result = cli.invoke(
        app, ["eval", "import", "feedback", "a.json", "--since", "2026-01-01", "--out", out]
    )
    assert result.exit_code == 2 and "give no files" in result.output
    result = cli.invoke(app, ["eval", "import", "bipia", "--out", out])
    assert result.exit_code == 2 and "give the data files" in result.output
