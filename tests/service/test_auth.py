"""API keys and roles: 401 without a live key, 403 for the wrong role, keyless demo on loopback."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

import service.app
from service.app import create_app
from service.auth import CallerDep
from service.cli.main import app as cli_app
from service.cli.serve import is_loopback
from service.runtime import Runtime
from service.settings import Settings, get_settings
from service.storage.keys import KeyStore
from service.storage.tables import ApiKeyRow
from tests.service.conftest import en_request

KeyFactory = Callable[[str], str]
AUDIT = "/v1/audit/verify"


@pytest.fixture
def anon(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    """A client that sends no key unless a test passes one."""
    with TestClient(create_app(settings, runtime=runtime), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def new_key(runtime: Runtime) -> KeyFactory:
    def create(role: str) -> str:
        return KeyStore(runtime.store.engine).create(role, f"{role} key")[1]

    return create


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def call(client: TestClient, endpoint: str, key: str | None) -> Any:
    headers = bearer(key) if key else {}
    if endpoint == "drafts":
        return client.post("/v1/drafts", json=en_request(), headers=headers)
    if endpoint == "checks":
        return client.post("/v1/checks", json=en_request(draft="Hi Maria, done."), headers=headers)
    if endpoint == "redact":
        return client.post("/v1/redact", json={"text": "hello", "language": "en"}, headers=headers)
    return client.get(endpoint, headers=headers)


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    "endpoint", ["drafts", "checks", "redact", AUDIT, "/v1/audit/redactions", "/v1/drafts/x"]
)
def test_every_api_endpoint_needs_a_key(anon: TestClient, endpoint: str) -> None:
    assert_error(call(anon, endpoint, None), 401, "unauthorized")


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/docs", "/openapi.json"])
def test_health_and_docs_are_open(anon: TestClient, path: str) -> None:
    assert anon.get(path).status_code == 200


@pytest.mark.parametrize(
    "key",
    ["nonsense", "rd_0123456789abcdef_" + "a" * 43, "Bearer", ""],
)
def test_bad_keys_are_401_and_never_echoed(anon: TestClient, key: str) -> None:
    response = anon.get(AUDIT, headers={"Authorization": f"Bearer {key}"})
    assert_error(response, 401, "unauthorized")
    if key:
        assert key not in response.text


def test_wrong_secret_for_a_real_id_is_401(anon: TestClient, new_key: KeyFactory) -> None:
    real = new_key("admin")
    forged = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    assert_error(anon.get(AUDIT, headers=bearer(forged)), 401, "unauthorized")


def test_x_api_key_header_works(anon: TestClient, new_key: KeyFactory) -> None:
    assert anon.get(AUDIT, headers={"X-API-Key": new_key("auditor")}).status_code == 200


ALLOWED = {
    "agent": {"drafts", "checks"},
    "engineer": {"drafts", "checks", "redact"},
    "auditor": {AUDIT, "redact"},
    "admin": {"drafts", "checks", "redact", AUDIT},
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("endpoint", ["drafts", "checks", "redact", AUDIT])
def test_roles(anon: TestClient, new_key: KeyFactory, role: str, endpoint: str) -> None:
    response = call(anon, endpoint, new_key(role))
    if endpoint in ALLOWED[role]:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, 403, "forbidden")


def test_revoked_key_is_401(anon: TestClient, runtime: Runtime) -> None:
    keys = KeyStore(runtime.store.engine)
    key, raw = keys.create("auditor", "leaving")
    assert anon.get(AUDIT, headers=bearer(raw)).status_code == 200
    assert keys.revoke(key.id).revoked_at is not None
    assert_error(anon.get(AUDIT, headers=bearer(raw)), 401, "unauthorized")


def test_keys_are_stored_hashed(runtime: Runtime) -> None:
    key, raw = KeyStore(runtime.store.engine).create("agent", "desk 1")
    with runtime.store.engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(select(ApiKeyRow.__table__)).all()]
    assert len(rows) == 1
    stored = "|".join(str(v) for v in rows[0])
    assert raw not in stored and raw[20:] not in stored
    assert hashlib.sha256(raw.encode()).hexdigest() in stored
    assert raw.startswith(f"rd_{key.id}_")


def test_key_listing_has_no_secrets(runtime: Runtime) -> None:
    keys = KeyStore(runtime.store.engine)
    _key, raw = keys.create("admin", "ops")
    listed = keys.list_keys()
    assert [k.role for k in listed] == ["admin"]
    assert raw not in repr(listed) and "hash" not in listed[0].model_dump_json()


def test_keyless_demo_mode_acts_as_admin_of_local_demo(
    settings: Settings, runtime: Runtime
) -> None:
    app = create_app(settings.model_copy(update={"auth_disabled": True}), runtime=runtime)

    @app.get("/whoami")
    async def who(caller: CallerDep) -> dict[str, str]:
        return {"tenant": caller.tenant, "role": caller.role}

    with TestClient(app) as client:
        assert client.get(AUDIT).status_code == 200
        assert client.get("/whoami").json() == {"tenant": "local-demo", "role": "admin"}


def test_caller_carries_the_keys_tenant_and_role(anon: TestClient, runtime: Runtime) -> None:
    _key, raw = KeyStore(runtime.store.engine).create("agent", "desk 2", tenant="acme")
    _other, plain = KeyStore(runtime.store.engine).create("agent", "desk 3")

    app = anon.app
    assert isinstance(app, FastAPI)

    @app.get("/whoami")
    async def who(caller: CallerDep) -> dict[str, str]:
        return {"tenant": caller.tenant, "role": caller.role}

    assert anon.get("/whoami", headers=bearer(raw)).json() == {"tenant": "acme", "role": "agent"}
    assert anon.get("/whoami", headers=bearer(plain)).json()["tenant"] == "default"


# `replydraft serve --no-auth`


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> list[dict[str, Any]]:
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    monkeypatch.delenv("REPLYDRAFT_AUTH_DISABLED", raising=False)
    get_settings.cache_clear()
    calls: list[dict[str, Any]] = []

    def fake_run(app: FastAPI, **kwargs: Any) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)
    # serve builds a real app here: the test process's heap stays unfrozen.
    monkeypatch.setattr(service.app, "freeze_startup_heap", lambda: 0)
    return calls


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_no_auth_is_refused_off_loopback(served: list[dict[str, Any]], host: str) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--no-auth", "--host", host])
    assert result.exit_code == 2 and served == []
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "loopback" in lines[0]


def test_auth_disabled_setting_is_refused_off_loopback(
    served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLYDRAFT_AUTH_DISABLED", "true")
    get_settings.cache_clear()
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and served == []


def test_no_auth_on_loopback_warns_loudly(served: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--no-auth", "--host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert "WARNING" in result.stderr and "admin" in result.stderr
    assert served[0]["host"] == "127.0.0.1"
    assert served[0]["app"].state.settings.auth_disabled is True


def test_serve_without_no_auth_keeps_keys_on(served: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "WARNING" not in result.stderr
    assert served[0]["app"].state.settings.auth_disabled is False


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
