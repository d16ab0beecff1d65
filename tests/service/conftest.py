"""Fixtures for service tests: settings on a temporary SQLite file, a shared runtime, an app."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.fakes.openai_server import FakeOpenAIServer


def en_request(**overrides: Any) -> dict[str, Any]:
    """A small contract request with an inline voice and KB."""
    request: dict[str, Any] = {
        "thread": {
            "subject": "Double charge on order #48213",
            "messages": [
                {
                    "role": "customer",
                    "author_name": "Maria Lopez",
                    "body": "Hi,\nI was charged twice for order #48213. Can you refund the "
                    "duplicate charge? How do I download my invoices as PDF?\n\nThanks,\nMaria",
                }
            ],
        },
        "customer": {"name": "Maria Lopez"},
        "agent": {"name": "Sam", "title": "Customer Support"},
        "voice": {"brand": "Example Co.", "guide": "Warm and brief."},
        "knowledge_base": [
            {
                "id": "billing-refunds",
                "title": "Refunds for duplicate charges",
                "url": "https://help.example.com/refunds",
                "body": "If you were charged twice, we refund the duplicate charge to the "
                "original card. Refunds reach your card within 5-10 business days.",
                "last_reviewed": "2026-09-01",
            },
            {
                "id": "billing-invoices",
                "title": "Download invoices as PDF",
                "url": "https://help.example.com/invoices",
                "body": "To download invoices, open Billing, choose Invoices and click "
                "Download PDF next to the invoice.",
                "last_reviewed": "2026-09-01",
            },
        ],
    }
    request.update(overrides)
    return request


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the generated audit key (and any relative SQLite file) out of the working tree."""
    monkeypatch.setenv("REPLYDRAFT_DATA_DIR", str(tmp_path))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'replydraft.db'}", llm_model=None, data_dir=tmp_path
    )


@pytest.fixture
def runtime(settings: Settings) -> Runtime:
    return Runtime.build(settings)


@pytest.fixture
def client_role() -> str:
    """Role of the key ``client`` sends; engineer may draft, check and redact."""
    return "engineer"


@pytest.fixture
def client(settings: Settings, runtime: Runtime, client_role: str) -> Iterator[TestClient]:
    """A TestClient that sends a fresh API key of ``client_role`` with every request."""
    _key, raw = KeyStore(runtime.store.engine).create(client_role, "tests")
    with TestClient(create_app(settings, runtime=runtime), raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {raw}"
        yield c


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    """A loopback OpenAI-compatible provider (a test module may override it with its replies)."""
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """A stream the service's log handler is pointed at, to grep the logs."""
    stream = io.StringIO()
    yield stream
    logging.getLogger("service").handlers.clear()
