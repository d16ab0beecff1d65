"""``replydraft draft`` says what happened to the model, one line per failure, on stderr."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings
from tests.service.conftest import en_request


@pytest.fixture
def dead_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("REPLYDRAFT_LLM_MODEL", "openai/local")
    monkeypatch.setenv("REPLYDRAFT_LLM_API_BASE", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("REPLYDRAFT_LLM_MAX_ATTEMPTS", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_a_model_failure_is_one_line_with_its_cause(dead_model: None, tmp_path: Path) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(en_request()), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", str(path)])
    assert result.exit_code == 0
    cause = "connection refused (is the server running at the base URL?)"
    assert f"replydraft: model openai/local attempt 1/1 failed: {cause}" in result.stderr
    assert (
        f"replydraft: llm_fallback: offline drafter used (openai/local: {cause})" in result.stderr
    )
    report = json.loads(result.stdout)
    (flag,) = [f for f in report["flags"] if f["code"] == "llm_fallback"]
    assert cause in flag["message"] and "Traceback" not in result.stderr
