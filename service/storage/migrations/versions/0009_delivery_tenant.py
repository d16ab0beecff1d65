"""Webhook deliveries keep the tenant they were made for.

Revision ID: 0009_delivery_tenant
Revises: 0008_draft_requests
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_delivery_tenant"
down_revision: str | None = "0008_draft_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add helpdesk_deliveries.tenant, filled from each delivery's draft where it has one.

    A delivery's draft was made for the helpdesk tenant of the day, so its tenant is the
    delivery's. One with no stored draft (queued, failed before drafting, past retention)
    stays null and is read as the current helpdesk tenant's, as every delivery was before.
    """
    with op.batch_alter_table("helpdesk_deliveries") as batch:
        batch.add_column(sa.Column("tenant", sa.String(64), nullable=True))
    op.execute(
        "UPDATE helpdesk_deliveries SET tenant = ("
        "SELECT drafts.tenant FROM drafts WHERE drafts.id = helpdesk_deliveries.draft_id"
        " AND length(drafts.tenant) <= 64"  # tenant names are at most 64 (drafts allow 128)
        ") WHERE draft_id IS NOT NULL"
    )


def downgrade() -> None:
    """Drop the column (every delivery is the helpdesk tenant's of the day again)."""
    with op.batch_alter_table("helpdesk_deliveries") as batch:
        batch.drop_column("tenant")
