"""Alembic, driven from code: no ``alembic.ini`` is needed in the working directory."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (and at ``engine`` if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # '%' is interpolation syntax in Alembic's config parser.
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``revision`` in one transaction."""
    with engine.begin() as connection:
        config = alembic_config()
        # env.py reuses this connection, so pragmas and search_path settings apply.
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
