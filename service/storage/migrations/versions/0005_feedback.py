"""Agents' feedback on drafts: sent (masked) or discarded, edit distances, flag outcomes.

Revision ID: 0005_feedback
Revises: 0004_helpdesk
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005_feedback"
down_revision: str | None = "0004_helpdesk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types: a migration must not change when tables.py does.
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create draft_feedback."""
    op.create_table(
        "draft_feedback",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("draft_id", sa.String(64), nullable=False),
        sa.Column("tenant", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("draft_created_at", _TS, nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("prompt_version", sa.String(100), nullable=True),
        sa.Column("sent_text", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("char_distance", sa.Integer(), nullable=True),
        sa.Column("token_distance", sa.Integer(), nullable=True),
        sa.Column("flag_outcomes", _JSON, nullable=False),
        sa.CheckConstraint("outcome IN ('sent', 'discarded')", name="ck_draft_feedback_outcome"),
        sa.PrimaryKeyConstraint("id", name="pk_draft_feedback"),
    )
    op.create_index("ix_draft_feedback_created_at", "draft_feedback", ["created_at"])
    op.create_index("ix_draft_feedback_draft_id", "draft_feedback", ["draft_id"])


def downgrade() -> None:
    """Drop draft_feedback."""
    op.drop_table("draft_feedback")
