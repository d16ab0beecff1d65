"""Saved replies (macros, canned answers) imported by ``replydraft replies import``.

Revision ID: 0007_saved_replies
Revises: 0006_audit_source
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_saved_replies"
down_revision: str | None = "0006_audit_source"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the column type: a migration must not change when tables.py does.
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create saved_replies."""
    op.create_table(
        "saved_replies",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("set_id", sa.String(128), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False, server_default="default"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_saved_replies"),
    )
    op.create_index("ix_saved_replies_set_id", "saved_replies", ["set_id"])


def downgrade() -> None:
    """Drop saved_replies."""
    op.drop_table("saved_replies")
