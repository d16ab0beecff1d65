"""The database schema: drafts, voices, knowledge bases, saved replies, audit chain, API keys.

``migrations/versions`` must match this file; a test compares them after upgrading.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from service.storage.coltypes import JSONType, UTCDateTime
from service.tenancy import DEFAULT_TENANT

# Deterministic constraint names, so hand-written migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata and type map."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        dict[str, Any]: JSONType,
        dt.datetime: UTCDateTime(),
    }


class DraftRow(Base):
    """A stored draft or check report, kept until ``expires_at``."""

    __tablename__ = "drafts"
    __table_args__ = (
        CheckConstraint("kind IN ('draft', 'check')", name="kind"),
        Index("ix_drafts_expires_at", "expires_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    kind: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16))
    report: Mapped[dict[str, Any]]
    # Ids and counts only: the thread text may carry PII and is never stored in the clear.
    request_summary: Mapped[dict[str, Any]]
    tenant: Mapped[str | None] = mapped_column(String(128))
    # The request of a draft, every text masked (``service.pipeline.at_rest.request_at_rest``):
    # what ``replydraft eval import feedback`` turns into an eval case. Null for checks.
    masked_request: Mapped[dict[str, Any] | None]


class VoiceRow(Base):
    """A stored voice guide (the ``Voice`` model as JSON)."""

    __tablename__ = "voices"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]
    # Ids are unique across tenants; a key of another tenant is told "not found".
    tenant: Mapped[str] = mapped_column(String(64), server_default=DEFAULT_TENANT)


class KnowledgeBaseRow(Base):
    """A stored knowledge base; its articles live in ``kb_articles``."""

    __tablename__ = "knowledge_bases"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    updated_at: Mapped[dt.datetime]
    tenant: Mapped[str] = mapped_column(String(64), server_default=DEFAULT_TENANT)


class ArticleRow(Base):
    """One article of a knowledge base, in import order (``position``)."""

    __tablename__ = "kb_articles"

    # The composite primary key is the (kb_id, article_id) uniqueness rule.
    kb_id: Mapped[str] = mapped_column(
        String(128), ForeignKey("knowledge_bases.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]


class AuditRow(Base):
    """One record of the redaction audit chain (see ``service.storage.audit``); never updated."""

    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint(
            "action IN ('mask', 'block', 'restore', 'allow', 'checkpoint')", name="action"
        ),
        CheckConstraint(
            "direction IS NULL OR direction IN ('inbound', 'outbound', 'restore')",
            name="direction",
        ),
        Index("ix_audit_log_recorded_at", "recorded_at"),
        Index("ix_audit_log_draft_id", "draft_id"),
    )

    # Assigned under the chain lock, not by the database: gaps must mean deletions.
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(40), unique=True)
    schema_version: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime]
    request_id: Mapped[str | None] = mapped_column(String(64))
    draft_id: Mapped[str | None] = mapped_column(String(64))
    tenant: Mapped[str | None] = mapped_column(String(128))
    direction: Mapped[str | None] = mapped_column(String(16))
    entity_type: Mapped[str | None] = mapped_column(String(64))
    recognizer: Mapped[str | None] = mapped_column(String(128))
    score: Mapped[float | None] = mapped_column(Float)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    policy_version: Mapped[str] = mapped_column(String(128))
    # Keyed HMAC of the value; the value itself is never stored.
    value_hmac: Mapped[str | None] = mapped_column(String(64))
    # Where the value was found and where the masked text went (schema_version 2 records).
    source: Mapped[str | None] = mapped_column(String(300))
    destination: Mapped[str | None] = mapped_column(String(300))
    # Set on checkpoint records only (left by a purge).
    cp_through_seq: Mapped[int | None] = mapped_column(BigInteger)
    cp_last_hash: Mapped[str | None] = mapped_column(String(64))
    cp_count: Mapped[int | None] = mapped_column(BigInteger)
    cp_signature: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The audit chain's head (single row, id 1): the lock appends take and the truncation check."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))
    # HMAC over (last_seq, last_hash): rolling the head back needs the key.
    mac: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime]


class ApiKeyRow(Base):
    """An API key: its role and the SHA-256 of the full key (the key itself is never stored)."""

    __tablename__ = "api_keys"
    __table_args__ = (
        CheckConstraint("role IN ('agent', 'engineer', 'auditor', 'admin')", name="role"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    # The tenant whose drafts, voices, knowledge bases and audit records the key may see.
    tenant: Mapped[str] = mapped_column(String(64), server_default=DEFAULT_TENANT)


class HelpdeskIntegrationRow(Base):
    """One helpdesk integration: base URL, and its credentials and signing secret encrypted."""

    __tablename__ = "helpdesk_integrations"
    __table_args__ = (
        CheckConstraint("vendor IN ('zendesk', 'freshdesk', 'helpscout', 'front')", name="vendor"),
    )

    vendor: Mapped[str] = mapped_column(String(16), primary_key=True)
    base_url: Mapped[str] = mapped_column(String(500))
    # Fernet tokens (service.helpdesk.secret_box): never the secrets in the clear.
    credentials_enc: Mapped[str] = mapped_column(Text)
    signing_secret_enc: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime]


class HelpdeskDeliveryRow(Base):
    """A webhook event and the delivery of its draft back to the helpdesk (ids only, no text)."""

    __tablename__ = "helpdesk_deliveries"
    __table_args__ = (
        UniqueConstraint("vendor", "event_key", name="uq_helpdesk_deliveries_event"),
        CheckConstraint(
            "status IN ('queued', 'drafted', 'delivered', 'failed', 'ignored')", name="status"
        ),
        Index("ix_helpdesk_deliveries_draft_id", "draft_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    vendor: Mapped[str] = mapped_column(String(16))
    event_key: Mapped[str] = mapped_column(String(128))
    ticket_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    draft_id: Mapped[str | None] = mapped_column(String(64))
    last_http_status: Mapped[int | None] = mapped_column(Integer)
    # A fixed phrase or an exception class name: vendor responses may quote ticket text.
    last_error: Mapped[str | None] = mapped_column(String(200))
    vendor_ref: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    # The helpdesk tenant when the event came in: its keys read the delivery, and its draft is
    # made for that tenant, whatever the setting says later. Null only on deliveries stored
    # before the column whose draft was gone (read as the helpdesk tenant's of the day).
    tenant: Mapped[str | None] = mapped_column(String(64))


class FeedbackRow(Base):
    """What the agent did with a draft: sent (its text masked) or discarded, and the edits."""

    __tablename__ = "draft_feedback"
    __table_args__ = (
        CheckConstraint("outcome IN ('sent', 'discarded')", name="outcome"),
        Index("ix_draft_feedback_created_at", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    draft_id: Mapped[str] = mapped_column(String(64), index=True)
    tenant: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    draft_created_at: Mapped[dt.datetime | None]
    outcome: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(200))
    prompt_version: Mapped[str | None] = mapped_column(String(100))
    # Masked like every stored text: personal data is a numbered placeholder.
    sent_text: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    char_distance: Mapped[int | None] = mapped_column(Integer)
    token_distance: Mapped[int | None] = mapped_column(Integer)
    # {"resolved": [codes], "ignored": [codes], "raised": [codes]}: flag codes, never text.
    flag_outcomes: Mapped[dict[str, Any]]


class SavedReplyRow(Base):
    """One saved reply (macro, canned answer) of an imported set, in file order.

    ``id`` is ``SET:KEY``; a set is replaced whole on re-import and belongs to one tenant.
    """

    __tablename__ = "saved_replies"
    __table_args__ = (Index("ix_saved_replies_set_id", "set_id"),)

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    set_id: Mapped[str] = mapped_column(String(128))
    tenant: Mapped[str] = mapped_column(String(64), server_default=DEFAULT_TENANT)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    # Operator-written template text, like a KB article's body (never customer text).
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime]
