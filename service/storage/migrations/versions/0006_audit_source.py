"""Audit records: where each value was found and went; ``allow`` for outbound scans.

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


_ACTION = "ck_audit_log_action"
_NEW_ACTIONS = "action IN ('mask', 'block', 'restore', 'allow', 'checkpoint')"


def upgrade() -> None:
    """Add audit_log.source and .destination (null on records written before); allow 'allow'."""
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("source", sa.String(300), nullable=True))
        batch.add_column(sa.Column("destination", sa.String(300), nullable=True))
        batch.drop_constraint(_ACTION, type_="check")
        batch.create_check_constraint(op.f(_ACTION), sa.text(_NEW_ACTIONS))


def downgrade() -> None:
    """Drop the two columns.

    The wider action check stays: deleting the 'allow' records would break the chain, and
    older code never writes that action anyway.
    """
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("destination")
        batch.drop_column("source")
