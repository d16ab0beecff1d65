"""``replydraft doctor`` against loopback servers that behave like local model servers."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply

VERDICT = json.dumps({"questions": [{"id": "q1", "status": "answered", "evidence": ""}]})


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(text=VERDICT)
        fake.count_prompt_tokens = True
        yield fake


@pytest.fixture
def configure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("REPLYDRAFT_LLM_MODEL", "openai/fake-model")
    monkeypatch.setenv("REPLYDRAFT_LLM_TIMEOUT_S", "2")
    monkeypatch.setenv("REPLYDRAFT_JUDGE_MAX_ATTEMPTS", "1")
    for name in ("REPLYDRAFT_LLM_API_KEY", "REPLYDRAFT_LLM_API_BASE", "REPLYDRAFT_LLM_PRESET"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def _doctor(monkeypatch: pytest.MonkeyPatch, api_base: str) -> tuple[int, list[str]]:
    monkeypatch.setenv("REPLYDRAFT_LLM_API_BASE", api_base)
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["doctor"])
    return result.exit_code, result.stdout.splitlines()


def test_a_healthy_keyless_server_passes_every_check(
    configure: pytest.MonkeyPatch, server: FakeOpenAIServer
) -> None:
    server.context_tokens = 8192
    code, lines = _doctor(configure, server.api_base)
    assert code == 0, lines
    assert [line.split(":")[0] for line in lines] == [
        "ok   model",
        "ok   reachable",
        "ok   context",
        "ok   judge JSON",
    ]
    assert "no key set: a placeholder key is sent" in lines[0]
    assert "fits of 8192" in lines[2]


def test_refused_connection_is_one_line_and_exit_2(configure: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, lines = _doctor(configure, f"http://127.0.0.1:{port}/v1")
    assert code == 2
    assert lines[-1] == (
        "FAIL reachable: openai/fake-model: connection refused (is the server running at the "
        "base URL?)"
    )


def test_base_url_without_v1_says_so(
    configure: pytest.MonkeyPatch, server: FakeOpenAIServer
) -> None:
    code, lines = _doctor(configure, server.root)
    assert code == 2 and "does the base URL end with /v1?" in lines[-1]


def test_small_context_is_named_with_the_fix(
    configure: pytest.MonkeyPatch, server: FakeOpenAIServer
) -> None:
    server.context_tokens = 2048  # the prompt fits; the prompt plus 1024 draft tokens does not
    code, lines = _doctor(configure, server.api_base)
    (context,) = [line for line in lines if line.startswith("FAIL context")]
    assert code == 2 and "raise the server's context size" in context


def test_prompt_beyond_the_context_is_named(
    configure: pytest.MonkeyPatch, server: FakeOpenAIServer
) -> None:
    server.context_tokens = 512
    code, lines = _doctor(configure, server.api_base)
    assert code == 2
    assert any(
        line.startswith("FAIL context: openai/fake-model: context too small") for line in lines
    )


def test_judge_json_in_the_wrong_shape_is_a_warning_unless_the_llm_judge_is_on(
    configure: pytest.MonkeyPatch, server: FakeOpenAIServer
) -> None:
    server.default = Reply(text='{"verdict": "fine"}')
    code, lines = _doctor(configure, server.api_base)
    assert code == 0 and lines[-1].startswith("warn judge JSON: openai/fake-model: its JSON")
    configure.setenv("REPLYDRAFT_QUESTION_JUDGE", "llm")
    code, lines = _doctor(configure, server.api_base)
    assert code == 2 and lines[-1].startswith("FAIL judge JSON")


def test_no_model_configured_is_not_a_failure(configure: pytest.MonkeyPatch) -> None:
    configure.delenv("REPLYDRAFT_LLM_MODEL")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0 and "offline drafter" in result.stdout
