"""Helpdesk integrations and webhook deliveries.

Revision ID: 0004_helpdesk
Revises: 0003_tenants
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_helpdesk"
down_revision: str | None = "0003_tenants"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the column type: a migration must not change when tables.py does.
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create helpdesk_integrations and helpdesk_deliveries."""
    op.create_table(
        "helpdesk_integrations",
        sa.Column("vendor", sa.String(16), nullable=False),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("credentials_enc", sa.Text(), nullable=False),
        sa.Column("signing_secret_enc", sa.Text(), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.CheckConstraint(
            "vendor IN ('zendesk', 'freshdesk', 'helpscout', 'front')",
            name="ck_helpdesk_integrations_vendor",
        ),
        sa.PrimaryKeyConstraint("vendor", name="pk_helpdesk_integrations"),
    )
    op.create_table(
        "helpdesk_deliveries",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("vendor", sa.String(16), nullable=False),
        sa.Column("event_key", sa.String(128), nullable=False),
        sa.Column("ticket_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.String(64), nullable=True),
        sa.Column("last_http_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.Column("vendor_ref", sa.String(128), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.CheckConstraint(
            "status IN ('queued', 'drafted', 'delivered', 'failed', 'ignored')",
            name="ck_helpdesk_deliveries_status",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_helpdesk_deliveries"),
        sa.UniqueConstraint("vendor", "event_key", name="uq_helpdesk_deliveries_event"),
    )
    op.create_index("ix_helpdesk_deliveries_draft_id", "helpdesk_deliveries", ["draft_id"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index("ix_helpdesk_deliveries_draft_id", table_name="helpdesk_deliveries")
    op.drop_table("helpdesk_deliveries")
    op.drop_table("helpdesk_integrations")
