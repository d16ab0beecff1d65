"""The packaged Alembic migrations: idempotent, reversible, and identical to tables.py."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

from service.storage import Store
from service.storage.migrate import alembic_config
from service.storage.tables import Base

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
