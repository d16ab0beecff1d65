"""``Store``: every read and write replydraft makes to its database."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, Self

from sqlalchemy import Connection, CursorResult, Engine, bindparam, delete, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from service.errors import InvalidRequestError, NotFoundError, StorageUnavailableError
from service.models import DraftReport, KnowledgeArticle, SavedReply, Voice
from service.settings import Settings
from service.storage.engine import build_engine, resolve_url
from service.storage.summary import check_summary
from service.storage.tables import (
    ArticleRow,
    DraftRow,
    KnowledgeBaseRow,
    SavedReplyRow,
    VoiceRow,
)
from service.tenancy import DEFAULT_TENANT, checked_tenant

DraftKind = Literal["draft", "check"]
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


class Store:
    """Synchronous access to drafts, voices and knowledge bases (run it in a threadpool)."""

    def __init__(self, url: str | URL, *, retention_days: int = 90, clock: Clock = utc_now) -> None:
        self._engine: Engine = build_engine(url)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._retention = dt.timedelta(days=retention_days)
        self._clock = clock
        # Parsed knowledge bases by id, with the ``updated_at`` they were read at: a request
        # naming a stored KB reads one row to check it is unchanged instead of loading and
        # validating every article (hundreds) again. Every replacement writes a new
        # ``updated_at``, in any process, so a changed KB is never served from here.
        # (``put_knowledge_base`` moves ``updated_at`` forward even on a clock that stands.)
        self._kb_cache: dict[str, tuple[dt.datetime, tuple[KnowledgeArticle, ...]]] = {}
        self._kb_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock = utc_now) -> Self:
        """Build the store for ``settings.database_url`` (relative SQLite paths under data_dir)."""
        url = resolve_url(settings.database_url, settings.data_dir)
        database = url.database or ""
        if url.get_backend_name() == "sqlite" and Path(database).is_absolute():
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageUnavailableError("cannot create the data directory") from exc
        return cls(url, retention_days=settings.retention_days, clock=clock)

    @property
    def engine(self) -> Engine:
        """The underlying SQLAlchemy engine (for migrations and tests)."""
        return self._engine

    def migrate(self) -> None:
        """Upgrade the schema to the newest revision; a no-op when already there."""
        # Imported here: Alembic (and Mako under it) is only needed when migrating, and importing
        # it with the store made every light command (`keys --help`) pay for it.
        from service.storage import migrate as migrations

        with self._guard():
            migrations.upgrade(self._engine)

    def ping(self) -> bool:
        """Whether the database answers a trivial query (for ``/readyz``)."""
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except (DBAPIError, PoolTimeoutError):
            return False
        return True

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Drafts

    def save_draft(
        self,
        report: DraftReport,
        *,
        kind: DraftKind,
        request_summary: Mapping[str, object],
        tenant: str | None = None,
        masked_request: Mapping[str, object] | None = None,
        connection: Connection | None = None,
        also: Callable[[Connection], None] | None = None,
    ) -> None:
        """Store ``report`` under its draft_id until the retention period ends.

        Pass the at-rest copies (``service.pipeline.at_rest.report_at_rest`` and
        ``request_at_rest``): the store keeps what it is given, and nothing raw may be kept.
        ``connection``: write in that open transaction (the audit append of the draft's
        decisions, so both commit or neither), not in one of its own. ``also`` writes what
        records the draft elsewhere (a helpdesk delivery's ``draft_id``) in the same
        transaction.
        """
        now = self._clock()
        values = {
            "id": report.draft_id,
            "created_at": now,
            "expires_at": now + self._retention,
            "kind": kind,
            "model": report.model,
            "language": report.language,
            "report": report.model_dump(mode="json"),
            "request_summary": check_summary(request_summary),
            "tenant": tenant,
            "masked_request": dict(masked_request) if masked_request is not None else None,
        }

        def write(into: Connection) -> None:
            # One INSERT ... ON CONFLICT, not an ORM merge (a SELECT first, then the INSERT),
            # on a Core connection with the statement built once: a Session and a fresh
            # statement per draft cost more CPU than the write.
            _write_draft(into, values)
            if also is not None:
                also(into)

        if connection is not None:
            write(connection)
            return
        with self._guard(), self._engine.begin() as own:
            write(own)

    def get_draft(self, draft_id: str, *, tenant: str | None = None) -> DraftReport:
        """The stored report; NotFoundError if missing, expired, or not ``tenant``'s.

        ``tenant`` None reads any tenant's (admins and the CLI). Another tenant's draft gets
        the same answer as a missing one, so ids reveal nothing.
        """
        query = select(DraftRow.report).where(
            DraftRow.id == draft_id, DraftRow.expires_at > self._clock()
        )
        if tenant is not None:
            query = query.where(DraftRow.tenant == tenant)
        with self._session() as session:
            data = session.execute(query).scalar_one_or_none()
        if data is None:
            raise NotFoundError(_not_found("draft"))
        return DraftReport.model_validate(data)

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        """Delete drafts whose retention has ended by ``now``; returns how many."""
        cutoff = now or self._clock()
        with self._session() as session:
            result = session.execute(delete(DraftRow).where(DraftRow.expires_at <= cutoff))
            return _rowcount(result)

    # Voices

    def put_voice(self, voice_id: str, voice: Voice, *, tenant: str = DEFAULT_TENANT) -> None:
        """Store ``voice`` under ``voice_id`` for ``tenant``, replacing any previous one."""
        values = {
            "id": voice_id,
            "data": voice.model_dump(mode="json"),
            "updated_at": self._clock(),
            "tenant": checked_tenant(tenant),
        }
        with self._session() as session:
            _claim(session, VoiceRow, voice_id, tenant, "voice")
            _upsert(session, VoiceRow, values)

    def get_voice(self, voice_id: str, *, tenant: str | None = None) -> Voice:
        """The stored voice; NotFoundError if there is none (for ``tenant``, when given)."""
        query = select(VoiceRow.data).where(VoiceRow.id == voice_id)
        if tenant is not None:
            query = query.where(VoiceRow.tenant == tenant)
        with self._session() as session:
            data = session.execute(query).scalar()
        if data is None:
            raise NotFoundError(_not_found("voice"))
        return Voice.model_validate(data)

    def list_voices(self, *, tenant: str | None = None) -> list[str]:
        """Ids of every stored voice (of ``tenant``, when given), sorted."""
        query = select(VoiceRow.id).order_by(VoiceRow.id)
        if tenant is not None:
            query = query.where(VoiceRow.tenant == tenant)
        with self._session() as session:
            return list(session.execute(query).scalars())

    # Knowledge bases

    def put_knowledge_base(
        self,
        kb_id: str,
        articles: Sequence[KnowledgeArticle],
        *,
        tenant: str = DEFAULT_TENANT,
    ) -> None:
        """Replace knowledge base ``kb_id`` of ``tenant`` with ``articles``, in one transaction."""
        _check_unique_ids(articles)
        tenant = checked_tenant(tenant)
        rows = [
            {"kb_id": kb_id, "article_id": a.id, "position": i, "data": a.model_dump(mode="json")}
            for i, a in enumerate(articles)
        ]
        with self._session() as session:
            _claim(session, KnowledgeBaseRow, kb_id, tenant, "knowledge base")
            # ``updated_at`` is the version readers' caches check: it must change on every
            # replacement, even when the clock has not moved on (or went back).
            now = self._clock()
            before = session.execute(
                select(KnowledgeBaseRow.updated_at).where(KnowledgeBaseRow.id == kb_id)
            ).scalar()
            if before is not None and now <= before:
                now = before + dt.timedelta(microseconds=1)
            _upsert(session, KnowledgeBaseRow, {"id": kb_id, "updated_at": now, "tenant": tenant})
            session.execute(delete(ArticleRow).where(ArticleRow.kb_id == kb_id))
            if rows:
                session.execute(insert(ArticleRow), rows)
        with self._kb_lock:  # after the commit: a read racing the write may have kept the old
            self._kb_cache.pop(kb_id, None)

    def get_knowledge_base(
        self, kb_id: str, *, tenant: str | None = None
    ) -> list[KnowledgeArticle]:
        """The articles of ``kb_id`` in import order; NotFoundError if not ``tenant``'s.

        Unchanged knowledge bases come from memory: the same article objects each time, so
        callers must not change them (copy with ``model_copy``). Keeping the same objects
        also lets the caches keyed on article text skip re-hashing it.
        """
        # A Core connection and a prebuilt statement: this runs on every request naming a KB.
        with self._guard(), self._engine.begin() as connection:
            found = connection.execute(_KB_HEAD, {"kb_id": kb_id}).one_or_none()
            if found is None or (tenant is not None and found.tenant != tenant):
                raise NotFoundError(_not_found("knowledge base"))
            with self._kb_lock:
                cached = self._kb_cache.get(kb_id)
            if cached is not None and cached[0] == found.updated_at:
                return list(cached[1])
            query = select(ArticleRow.data).where(ArticleRow.kb_id == kb_id)
            datas = connection.execute(query.order_by(ArticleRow.position)).scalars().all()
        articles = tuple(KnowledgeArticle.model_validate(d) for d in datas)
        with self._kb_lock:
            self._kb_cache[kb_id] = (found.updated_at, articles)
        return list(articles)

    def list_knowledge_bases(self, *, tenant: str | None = None) -> list[str]:
        """Ids of every stored knowledge base (of ``tenant``, when given), sorted."""
        query = select(KnowledgeBaseRow.id).order_by(KnowledgeBaseRow.id)
        if tenant is not None:
            query = query.where(KnowledgeBaseRow.tenant == tenant)
        with self._session() as session:
            return list(session.execute(query).scalars())

    # Saved replies

    def put_saved_replies(
        self, set_id: str, replies: Sequence[SavedReply], *, tenant: str = DEFAULT_TENANT
    ) -> None:
        """Replace saved-reply set ``set_id`` of ``tenant`` with ``replies`` (ids ``SET:KEY``)."""
        tenant = checked_tenant(tenant)
        now = self._clock()
        rows = [
            {
                "id": r.id,
                "set_id": set_id,
                "tenant": tenant,
                "position": i,
                "title": r.title,
                "body": r.body,
                "updated_at": now,
            }
            for i, r in enumerate(replies)
        ]
        with self._session() as session:
            owners = select(SavedReplyRow.tenant).where(SavedReplyRow.set_id == set_id)
            if any(owner != tenant for owner in session.execute(owners).scalars()):
                # Ids are the importer's text: named by their field, never echoed (_not_found).
                raise InvalidRequestError(
                    "saved reply set id is taken by another tenant; pick another"
                )
            session.execute(delete(SavedReplyRow).where(SavedReplyRow.set_id == set_id))
            # An id of another set (same SET:KEY can only come from a set named alike) wins.
            taken = select(SavedReplyRow.id).where(SavedReplyRow.id.in_([r["id"] for r in rows]))
            clash = session.execute(taken).scalars().first()
            if clash is not None:
                raise InvalidRequestError(
                    "a saved reply id (set id:key) of this set is taken by another set; "
                    "pick another set id"
                )
            if rows:
                session.execute(insert(SavedReplyRow), rows)

    def get_saved_reply(self, reply_id: str, *, tenant: str | None = None) -> SavedReply:
        """The stored saved reply; NotFoundError if there is none (for ``tenant``, when given)."""
        query = select(SavedReplyRow).where(SavedReplyRow.id == reply_id)
        if tenant is not None:
            query = query.where(SavedReplyRow.tenant == tenant)
        with self._session() as session:
            row = session.execute(query).scalar_one_or_none()
            if row is None:
                raise NotFoundError(_not_found("saved reply"))
            return SavedReply(id=row.id, title=row.title, body=row.body)

    def list_saved_replies(self, *, tenant: str | None = None) -> list[SavedReply]:
        """Every stored saved reply (of ``tenant``, when given), by set and file order."""
        # Every draft lists its tenant's replies: Core rows of three columns, not ORM objects.
        query = _REPLIES if tenant is None else _TENANT_REPLIES
        with self._guard(), self._engine.connect() as connection:
            rows = connection.execute(query, {"tenant": tenant}).all()
        return [SavedReply(id=r.id, title=r.title, body=r.body) for r in rows]

    # Plumbing

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session that commits on success, inside the error translation."""
        with self._guard(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn driver and pool failures into StorageUnavailableError.

        The message names only the error class: the driver's text can quote SQL and values.
        """
        try:
            yield
        except (DBAPIError, PoolTimeoutError) as exc:
            kind = type(exc.orig).__name__ if isinstance(exc, DBAPIError) else type(exc).__name__
            raise StorageUnavailableError(f"database unavailable ({kind})") from exc


def _write_draft(connection: Connection, values: dict[str, Any]) -> None:
    """Insert or replace one draft row within ``connection``'s transaction."""
    stmt = _draft_upserts.get(connection.dialect.name)
    if stmt is None:
        with Session(bind=connection) as session:
            session.merge(DraftRow(**values))
            session.flush()
        return
    connection.execute(stmt, values)


def _claim(
    session: Session,
    table: type[VoiceRow] | type[KnowledgeBaseRow],
    key: str,
    tenant: str,
    what: str,
) -> None:
    """Refuse to overwrite another tenant's voice or knowledge base that has the same id.

    Ids are unique across tenants (the operator, who imports, sees every tenant anyway).
    """
    owner = session.execute(select(table.tenant).where(table.id == key)).scalar()
    if owner is not None and owner != tenant:
        # The id is the importer's text: named by its field, never echoed (_not_found).
        raise InvalidRequestError(f"{what} id is taken by another tenant; pick another")


def _not_found(what: str) -> str:
    """The 404 message for an unknown id: names the kind, never the id.

    An id is caller text (a name or a birth date typed as one came back in the answer, the
    CLI line and any log of it), so it is not echoed, in the message or the details.
    """
    return f"{what} not found: no {what} is stored under that id for this key"


def _rowcount(result: Any) -> int:
    # DML results are CursorResults at runtime; Session.execute's annotation is the wider Result.
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def _check_unique_ids(articles: Sequence[KnowledgeArticle]) -> None:
    counts = Counter(a.id for a in articles)
    duplicates = sorted(article_id for article_id, n in counts.items() if n > 1)
    if duplicates:
        raise InvalidRequestError(
            "duplicate article ids in knowledge base", details=[{"article_ids": duplicates}]
        )


def _upsert_statement(
    module: Any, row: type[VoiceRow | KnowledgeBaseRow | DraftRow], columns: Sequence[str]
) -> Any:
    """``INSERT ... ON CONFLICT (id) DO UPDATE`` of ``columns`` (values given at execution)."""
    stmt = module.insert(row)
    updates = {c: stmt.excluded[c] for c in columns if c != "id"}
    return stmt.on_conflict_do_update(index_elements=["id"], set_=updates)


_KB_HEAD = select(KnowledgeBaseRow.updated_at, KnowledgeBaseRow.tenant).where(
    KnowledgeBaseRow.id == bindparam("kb_id")
)
_REPLIES = select(SavedReplyRow.id, SavedReplyRow.title, SavedReplyRow.body).order_by(
    SavedReplyRow.set_id, SavedReplyRow.position
)
_TENANT_REPLIES = _REPLIES.where(SavedReplyRow.tenant == bindparam("tenant"))
_DRAFT_COLUMNS = [c.name for c in DraftRow.__table__.columns]
_draft_upserts: dict[str, Any] = {
    "sqlite": _upsert_statement(sqlite, DraftRow, _DRAFT_COLUMNS),
    "postgresql": _upsert_statement(postgresql, DraftRow, _DRAFT_COLUMNS),
}


def _upsert(
    session: Session, row: type[VoiceRow | KnowledgeBaseRow | DraftRow], values: dict[str, Any]
) -> None:
    """Insert or update by primary key ``id`` in one statement (race-free, unlike merge)."""
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        session.merge(row(**values))
        return
    module = postgresql if dialect == "postgresql" else sqlite
    session.execute(_upsert_statement(module, row, list(values)), values)
