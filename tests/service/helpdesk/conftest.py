"""Fixture files for the helpdesk adapters (examples/helpdesk, written from the vendors' docs)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from service.helpdesk.context import HelpdeskStores
from service.helpdesk.integrations import IntegrationSettings
from service.runtime import Runtime
from service.settings import Settings
from tests.conftest import EXAMPLES
from tests.fakes import freshdesk_server, front_server, helpscout_server, zendesk_server
from tests.fakes.helpdesk_server import FakeHelpdeskServer

FIXTURES = EXAMPLES / "helpdesk"


def fixture_path(name: str) -> Path:
    return FIXTURES / name


def load_json(name: str) -> Any:
    return json.loads(fixture_path(name).read_text(encoding="utf-8"))


SIGNING_SECRET = "whsec-test-secret"


def postgres_url(request: pytest.FixtureRequest) -> str:
    """A fresh schema on the test PostgreSQL (dropped after the test), as a database URL."""
    base: URL = request.getfixturevalue("pg_base_url")
    schema = f"rd_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    request.addfinalizer(drop)
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def helpdesk_settings(tmp_path: Path, database_url: str) -> Settings:
    """Service settings plus a private queue name and short backoffs for the helpdesk tests."""
    return Settings(
        database_url=database_url,
        llm_model=None,
        data_dir=tmp_path,
        helpdesk_queue=f"replydraft-test:{uuid.uuid4().hex}",
        helpdesk_max_attempts=3,
        helpdesk_backoff_s=0.05,
        helpdesk_backoff_max_s=2.0,
        public_url="https://replydraft.example.com",
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Helpdesk settings on a temporary SQLite file."""
    return helpdesk_settings(tmp_path, f"sqlite:///{tmp_path / 'replydraft.db'}")


@dataclass
class VendorCase:
    """One helpdesk under test: its fake API, a ticket in it, and how to sign a webhook."""

    vendor: str
    fake: FakeHelpdeskServer
    ticket_id: str
    credentials: dict[str, str]
    delivery: tuple[str, str]  # method and path part of the write-back call

    def webhook(
        self, secret: str = SIGNING_SECRET, event_id: str = "evt-1"
    ) -> tuple[bytes, dict[str, str]]:
        if self.vendor == "zendesk":
            return zendesk_server.signed_webhook(
                secret, zendesk_server.comment_added_event(self.ticket_id, event_id)
            )
        if self.vendor == "freshdesk":
            return freshdesk_server.signed_webhook(
                secret, {"ticket_id": int(self.ticket_id), "event_id": event_id}
            )
        if self.vendor == "helpscout":
            conversation = dict(self.fake.tickets[self.ticket_id], eventTag=event_id)
            return helpscout_server.signed_webhook(secret, conversation)
        return front_server.signed_webhook(
            secret, front_server.inbound_event(self.ticket_id, event_id)
        )


VENDORS = ["zendesk", "freshdesk", "helpscout", "front"]


def _case(vendor: str) -> VendorCase:
    if vendor == "zendesk":
        fake: FakeHelpdeskServer = zendesk_server.FakeZendesk()
        fake.add_ticket("35436", load_json("zendesk_ticket.json"))
        return VendorCase(vendor, fake, "35436", zendesk_server.CREDENTIALS, ("PUT", "/tickets/"))
    if vendor == "freshdesk":
        fake = freshdesk_server.FakeFreshdesk()
        fake.add_ticket("20", load_json("freshdesk_ticket.json"))
        return VendorCase(vendor, fake, "20", freshdesk_server.CREDENTIALS, ("POST", "/notes"))
    if vendor == "helpscout":
        fake = helpscout_server.FakeHelpScout()
        fake.add_ticket("10", load_json("helpscout_conversation.json"))
        return VendorCase(vendor, fake, "10", helpscout_server.CREDENTIALS, ("POST", "/reply"))
    fake = front_server.FakeFront()
    fake.add_ticket("cnv_yo1kg5q", load_json("front_conversation.json"))
    return VendorCase(vendor, fake, "cnv_yo1kg5q", front_server.CREDENTIALS, ("POST", "/drafts"))


@pytest.fixture(params=VENDORS)
def case(
    request: pytest.FixtureRequest, runtime: Runtime, settings: Settings
) -> Iterator[VendorCase]:
    """Each helpdesk: its fake API running, and its integration stored (pointing at the fake)."""
    vendor_case = _case(request.param)
    with vendor_case.fake:
        integration = IntegrationSettings(
            base_url=vendor_case.fake.base_url,
            credentials={k: SecretStr(v) for k, v in vendor_case.credentials.items()},
            signing_secret=SecretStr(SIGNING_SECRET),
        )
        HelpdeskStores.build(settings, runtime.store.engine).integrations.put(
            vendor_case.vendor, integration
        )
        yield vendor_case
