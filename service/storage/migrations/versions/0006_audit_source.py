"""Audit records say where each value was found and where the masked text went.

Revision ID: 0006_audit_source
Revises: 0005_feedback
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_audit_source"
down_revision: str | None = "0005_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add audit_log.source and audit_log.destination (null on records written before)."""
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("source", sa.String(300), nullable=True))
        batch.add_column(sa.Column("destination", sa.String(300), nullable=True))


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("destination")
        batch.drop_column("source")
