"""Fixtures for service tests: settings on a temporary SQLite file, a shared runtime, an app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings


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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'replydraft.db'}", llm_model=None)


@pytest.fixture
def runtime(settings: Settings) -> Runtime:
    return Runtime.build(settings)


@pytest.fixture
def client(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime), raise_server_exceptions=False) as c:
        yield c
