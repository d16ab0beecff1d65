"""Integration settings through the API and the CLI: admin only, secrets never shown or logged."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.cli.main import app
from service.settings import get_settings

SECRETS = {
    "credentials": {"email": "admin@acme.com", "api_token": "tok-TOPSECRET"},
    "signing_secret": "sign-TOPSECRET",
}


@pytest.mark.parametrize("client_role", ["admin"])
def test_admin_stores_an_integration_and_never_sees_a_secret(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        put = client.put(
            "/v1/integrations/zendesk", json={"base_url": "https://acme.zendesk.com", **SECRETS}
        )
        listed = client.get("/v1/integrations")
    assert put.status_code == 200, put.text
    assert put.json() == {
        "vendor": "zendesk",
        "base_url": "https://acme.zendesk.com",
        "credential_fields": ["api_token", "email"],
        "signing_secret_set": True,
        "webhook_path": "/v1/hooks/zendesk",
    }
    assert listed.json() == [put.json()]
    shown = put.text + listed.text + caplog.text
    assert "TOPSECRET" not in shown
    assert client.delete("/v1/integrations/zendesk").status_code == 204
    assert client.delete("/v1/integrations/zendesk").status_code == 404


@pytest.mark.parametrize("client_role", ["admin"])
def test_missing_credential_is_named_and_not_echoed(client: TestClient) -> None:
    body = {
        "base_url": "https://acme.freshdesk.com",
        "credentials": {"apikey": "TOPSECRET"},
        "signing_secret": "x",
    }
    response = client.put("/v1/integrations/freshdesk", json=body)
    assert response.status_code == 422
    assert "api_key" in response.json()["error"]["message"]
    assert "TOPSECRET" not in response.text


@pytest.mark.parametrize("client_role", ["admin"])
def test_bad_base_url_is_422_without_the_secret(client: TestClient) -> None:
    response = client.put("/v1/integrations/front", json={"base_url": "ftp://x", **SECRETS})
    assert response.status_code == 422
    assert "TOPSECRET" not in response.text


@pytest.mark.parametrize("client_role", ["engineer", "agent", "auditor"])
def test_only_admins_manage_integrations(client: TestClient) -> None:
    body = {"base_url": "https://acme.zendesk.com", **SECRETS}
    assert client.put("/v1/integrations/zendesk", json=body).status_code == 403
    assert client.get("/v1/integrations").status_code == 403


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    path = tmp_path / "secrets.json"
    path.write_text(json.dumps(SECRETS), encoding="utf-8")
    return path


def test_cli_set_list_remove(cli_env: Path) -> None:
    runner = CliRunner()
    args = ["integrations", "set", "zendesk", "--base-url", "https://acme.zendesk.com"]
    stored = runner.invoke(app, [*args, "--secrets", str(cli_env)])
    assert stored.exit_code == 0, stored.output
    assert json.loads(stored.stdout)["credential_fields"] == ["api_token", "email"]
    listed = runner.invoke(app, ["integrations", "list"])
    assert json.loads(listed.stdout)["vendor"] == "zendesk"
    assert "TOPSECRET" not in stored.output + listed.output
    removed = runner.invoke(app, ["integrations", "remove", "zendesk"])
    assert removed.exit_code == 0
    assert runner.invoke(app, ["integrations", "list"]).stdout == ""


def test_cli_reads_secrets_from_stdin(cli_env: Path) -> None:
    args = ["integrations", "set", "helpscout", "--base-url", "https://api.helpscout.net"]
    secrets = {"credentials": {"app_id": "a", "app_secret": "TOPSECRET"}, "signing_secret": "s"}
    result = CliRunner().invoke(app, [*args, "--secrets", "-"], input=json.dumps(secrets))
    assert result.exit_code == 0, result.output
    assert "TOPSECRET" not in result.output


@pytest.mark.parametrize(
    ("vendor", "secrets", "fragment"),
    [
        ("zendesk", {"credentials": {"email": "a"}, "signing_secret": "s"}, "api_token"),
        ("kayako", SECRETS, "unknown helpdesk (VENDOR); use one of: zendesk"),
        ("front", {"credentials": {"api_token": "t"}}, "signing_secret"),
    ],
)
def test_cli_bad_input_is_exit_2_one_line(
    cli_env: Path, vendor: str, secrets: dict[str, object], fragment: str
) -> None:
    cli_env.write_text(json.dumps(secrets), encoding="utf-8")
    args = ["integrations", "set", vendor, "--base-url", "https://x.example", "--secrets"]
    result = CliRunner().invoke(app, [*args, str(cli_env)])
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1


def test_integration_settings_refuse_nul_like_every_request_body() -> None:
    # the base URL is stored; PostgreSQL refuses NUL, so it is the admin's 422, not a 503
    from pydantic import ValidationError

    from service.helpdesk.integrations import IntegrationSettings

    with pytest.raises(ValidationError, match="NUL"):
        IntegrationSettings.model_validate(
            {"base_url": "https://acme\x00.zendesk.com", "credentials": {}, "signing_secret": "s"}
        )
    # Secrets too: a lone surrogate could not be encoded to be encrypted (a 500 before).
    for secrets in (
        {"credentials": {}, "signing_secret": "s\ud800"},
        {"credentials": {"api_key": "k\x00"}, "signing_secret": "s"},
    ):
        with pytest.raises(ValidationError, match="NUL") as refused:
            IntegrationSettings.model_validate({"base_url": "https://acme.zendesk.com", **secrets})
        assert refused.value.errors()[0]["loc"][0] in {"signing_secret", "credentials"}
    accepted = IntegrationSettings.model_validate(
        {"base_url": "https://acme.zendesk.com", "credentials": {}, "signing_secret": "s"}
    )
    assert accepted.base_url == "https://acme.zendesk.com"
