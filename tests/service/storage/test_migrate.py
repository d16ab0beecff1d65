"""The packaged Alembic migrations: idempotent, reversible, and identical to tables.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.engine import URL

from service.storage import Store
from service.storage.migrate import alembic_config
from service.storage.tables import Base, HelpdeskDeliveryRow

TABLES = {"drafts", "voices", "knowledge_bases", "kb_articles", "saved_replies"}


def schema_diff(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_migrate_creates_tables_and_is_idempotent(empty_url: URL) -> None:
    with Store(empty_url) as store:
        store.migrate()
        store.migrate()
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert current_revision(store.engine) == head
        assert TABLES <= set(inspect(store.engine).get_table_names())


def test_migrations_match_tables(empty_url: URL) -> None:
    with Store(empty_url) as store:
        # Control: an empty database differs, so an empty diff below means something.
        assert schema_diff(store.engine)
        store.migrate()
        assert schema_diff(store.engine) == []


def test_downgrade_then_upgrade(empty_url: URL) -> None:
    with Store(empty_url) as store:
        store.migrate()
        with store.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert not TABLES & set(inspect(store.engine).get_table_names())
        store.migrate()
        assert schema_diff(store.engine) == []


def test_deliveries_take_their_drafts_tenant_when_the_column_is_added(empty_url: URL) -> None:
    """0009 fills helpdesk_deliveries.tenant from each delivery's stored draft (the draft was
    made for the helpdesk tenant of the day); one with no stored draft stays null."""
    with Store(empty_url) as store:
        with store.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0008_draft_requests")
            now = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
            connection.execute(
                text(
                    "INSERT INTO drafts (id, created_at, expires_at, kind, model, language, "
                    "report, request_summary, tenant) VALUES ('d1', :now, :now, 'draft', "
                    "'offline', 'en', '{}', '{}', 'acme')"
                ),
                {"now": now},
            )
            for delivery_id, draft_id in (("x1", "d1"), ("x2", None), ("x3", "gone")):
                connection.execute(
                    text(
                        "INSERT INTO helpdesk_deliveries (id, vendor, event_key, ticket_id, "
                        "status, attempts, draft_id, created_at, updated_at) VALUES (:id, "
                        "'zendesk', :id, '1', 'queued', 0, :draft, :now, :now)"
                    ),
                    {"id": delivery_id, "draft": draft_id, "now": now},
                )
        store.migrate()
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(HelpdeskDeliveryRow.id, HelpdeskDeliveryRow.tenant).order_by(
                    HelpdeskDeliveryRow.id
                )
            ).all()
    assert [tuple(r) for r in rows] == [("x1", "acme"), ("x2", None), ("x3", None)]
