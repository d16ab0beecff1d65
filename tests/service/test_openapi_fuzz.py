"""schemathesis against the app's own OpenAPI schema: no 5xx, every error in the contract shape.

Bounded (a few dozen examples per operation, derandomised, no deadline) so it stays a normal
test. The operations are walked inside one test so the app can come from the usual fixtures.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore

EXAMPLES_PER_OPERATION = 20


def _check(case: Any, client: TestClient, key: str) -> None:
    kwargs = case.as_transport_kwargs(headers={"Authorization": f"Bearer {key}"})
    kwargs.pop("base_url", None)
    if not kwargs.get("cookies"):
        kwargs.pop("cookies", None)  # none are generated; httpx deprecates the empty argument
    response = client.request(**kwargs)
    where = f"{case.method} {case.path}"
    assert response.status_code < 500, (where, response.text[:300])
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, (where, body)
        assert isinstance(body["error"]["code"], str) and body["error"]["message"], where


def test_no_server_error_and_errors_in_the_contract_shape(
    settings: Settings, runtime: Runtime
) -> None:
    _key, raw = KeyStore(runtime.store.engine).create("admin", "fuzz")
    app = create_app(settings, runtime=runtime)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8  # drafts, checks, redact, audit, health: all walked
    with TestClient(app, raise_server_exceptions=False) as client:
        for operation in operations:

            @given(case=operation.as_strategy())
            @hypothesis_settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            def fuzz(case: Any) -> None:
                _check(case, client, raw)

            fuzz()
