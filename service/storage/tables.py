"""The database schema: drafts, stored voices and knowledge bases.

``migrations/versions`` must match this file; a test compares them after upgrading.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from service.storage.coltypes import JSONType, UTCDateTime

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
    # Ids and counts only: the thread text may carry PII and is never stored.
    request_summary: Mapped[dict[str, Any]]
    tenant: Mapped[str | None] = mapped_column(String(128))


class VoiceRow(Base):
    """A stored voice guide (the ``Voice`` model as JSON)."""

    __tablename__ = "voices"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]


class KnowledgeBaseRow(Base):
    """A stored knowledge base; its articles live in ``kb_articles``."""

    __tablename__ = "knowledge_bases"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    updated_at: Mapped[dt.datetime]


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
