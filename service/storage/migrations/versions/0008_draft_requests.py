"""Drafts keep their request, masked, so agents' edits can become eval cases.

Revision ID: 0008_draft_requests
Revises: 0007_saved_replies
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008_draft_requests"
down_revision: str | None = "0007_saved_replies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Add drafts.masked_request (null for drafts stored before, and for checks)."""
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("masked_request", _JSON, nullable=True))


def downgrade() -> None:
    """Drop the column (the masked requests go with it)."""
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("masked_request")
