"""Tenants on API keys, voices and knowledge bases; legacy drafts moved to their key's tenant.

Revision ID: 0003_tenants
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_tenants"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DEFAULT = "default"


def upgrade() -> None:
    """Add ``tenant`` columns; drafts stored under a key id move to that key's tenant."""
    for table in ("api_keys", "voices", "knowledge_bases"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("tenant", sa.String(64), nullable=False, server_default=_DEFAULT)
            )
    # Before tenants, a draft's tenant was the id of the key that made it.
    op.execute("UPDATE drafts SET tenant = 'default' WHERE tenant IN (SELECT id FROM api_keys)")


def downgrade() -> None:
    """Drop the ``tenant`` columns (drafts keep the tenant name they were moved to)."""
    for table in ("api_keys", "voices", "knowledge_bases"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("tenant")
