"""A request's ``model`` must be on the operator's allow-list: 422 naming the allowed ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.model_policy import allowed_models
from service.runtime import Runtime
from service.settings import Settings
from tests.service.conftest import en_request


def test_default_allow_list_is_what_the_operator_configured() -> None:
    assert allowed_models(Settings()) == ("offline",)
    configured = Settings(llm_model="openai/gpt-4o-mini", llm_fallback_models=["openai/gpt-4o"])
    assert allowed_models(configured) == ("openai/gpt-4o-mini", "openai/gpt-4o", "offline")
    explicit = Settings(llm_allowed_models=["ollama_chat/llama3", "offline"])
    assert allowed_models(explicit) == ("ollama_chat/llama3", "offline")


def test_an_unlisted_model_is_a_422_and_nothing_is_called(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.post("/v1/drafts", json=en_request(model="ollama/llama3-typo"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "model_not_allowed"
    assert "allowed: offline" in error["message"]
    assert "llama3-typo" not in response.text
    assert "llama3-typo" not in caplog.text
    assert client.post("/v1/checks", json=en_request(model="x", draft="Hi")).status_code == 422


def test_listed_models_and_the_default_are_accepted(client: TestClient) -> None:
    assert client.post("/v1/drafts", json=en_request(model="offline")).status_code == 200
    assert client.post("/v1/drafts", json=en_request()).status_code == 200


def test_an_operator_list_admits_only_its_models(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        auth_disabled=True,
        llm_allowed_models=["offline"],
        llm_model="openai/configured-but-not-listed",
        llm_api_base="http://127.0.0.1:9",
    )
    runtime = Runtime.build(settings)
    with TestClient(create_app(settings, runtime=runtime)) as client:
        refused = client.post("/v1/drafts", json=en_request(model="openai/other"))
        assert refused.status_code == 422
        assert refused.json()["error"]["details"][0]["allowed"] == ["offline"]
        assert client.post("/v1/drafts", json=en_request(model="offline")).status_code == 200
    runtime.store.close()


def test_litellm_is_imported_at_start_when_a_remote_model_is_configured(tmp_path: Path) -> None:
    from service.backends.litellm_env import load_litellm

    load_litellm.cache_clear()
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model="openai/configured",
        llm_api_base="http://127.0.0.1:9",
    )
    runtime = Runtime.build(settings)
    assert load_litellm.cache_info().currsize == 1  # imported by build, before any draft
    runtime.store.close()
