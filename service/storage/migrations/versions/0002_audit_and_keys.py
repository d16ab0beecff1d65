"""The redaction audit chain (records and head) and API keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copy of the column type: a migration must not change when tables.py does.
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create audit_log, audit_head and api_keys."""
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("record_id", sa.String(40), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True),
        sa.Column("draft_id", sa.String(64), nullable=True),
        sa.Column("tenant", sa.String(128), nullable=True),
        sa.Column("direction", sa.String(16), nullable=True),
        sa.Column("entity_type", sa.String(64), nullable=True),
        sa.Column("recognizer", sa.String(128), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("policy_version", sa.String(128), nullable=False),
        sa.Column("value_hmac", sa.String(64), nullable=True),
        sa.Column("cp_through_seq", sa.BigInteger(), nullable=True),
        sa.Column("cp_last_hash", sa.String(64), nullable=True),
        sa.Column("cp_count", sa.BigInteger(), nullable=True),
        sa.Column("cp_signature", sa.String(64), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint(
            "action IN ('mask', 'block', 'restore', 'checkpoint')", name="ck_audit_log_action"
        ),
        sa.CheckConstraint(
            "direction IS NULL OR direction IN ('inbound', 'outbound', 'restore')",
            name="ck_audit_log_direction",
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
        sa.UniqueConstraint("record_id", name="uq_audit_log_record_id"),
    )
    op.create_index("ix_audit_log_recorded_at", "audit_log", ["recorded_at"])
    op.create_index("ix_audit_log_draft_id", "audit_log", ["draft_id"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_audit_head_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.CheckConstraint(
            "role IN ('agent', 'engineer', 'auditor', 'admin')", name="ck_api_keys_role"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
    )


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("api_keys")
    op.drop_table("audit_head")
    op.drop_index("ix_audit_log_draft_id", table_name="audit_log")
    op.drop_index("ix_audit_log_recorded_at", table_name="audit_log")
    op.drop_table("audit_log")
