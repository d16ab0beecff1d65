"""Alembic environment for replydraft; run through ``service.storage.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from service.storage.tables import Base

# Any constant works; it only has to be the same for every replydraft process.
_PG_LOCK_ID = 0x7265706C79

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_online() -> None:
    """Migrate over the caller's connection, or one made from ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as new_connection:
            _run(new_connection)
    finally:
        engine.dispose()


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Several workers may start at once; only one migrates, the others wait and no-op.
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit the migration SQL for ``sqlalchemy.url``'s dialect without connecting."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
