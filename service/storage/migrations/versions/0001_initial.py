"""Initial schema: drafts, voices, knowledge bases and their articles.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types: a migration must not change when tables.py does.
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the four tables."""
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("report", _JSON, nullable=False),
        sa.Column("request_summary", _JSON, nullable=False),
        sa.Column("tenant", sa.String(128), nullable=True),
        sa.CheckConstraint("kind IN ('draft', 'check')", name="ck_drafts_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
    )
    op.create_index("ix_drafts_expires_at", "drafts", ["expires_at"])
    op.create_table(
        "voices",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("data", _JSON, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_voices"),
    )
    op.create_table(
        "knowledge_bases",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_bases"),
    )
    op.create_table(
        "kb_articles",
        sa.Column("kb_id", sa.String(128), nullable=False),
        sa.Column("article_id", sa.String(128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", _JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["kb_id"],
            ["knowledge_bases.id"],
            name="fk_kb_articles_kb_id_knowledge_bases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kb_id", "article_id", name="pk_kb_articles"),
    )


def downgrade() -> None:
    """Drop the four tables."""
    op.drop_table("kb_articles")
    op.drop_table("knowledge_bases")
    op.drop_index("ix_drafts_expires_at", table_name="drafts")
    op.drop_table("voices")
    op.drop_table("drafts")
