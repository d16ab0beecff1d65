"""``AuditLog``: the append-only, hash-chained record of every redaction decision.

Appends are serialised in the database, not in process memory, so several worker processes
can share one chain: on PostgreSQL the single ``audit_head`` row is locked with
``SELECT ... FOR UPDATE``; on SQLite the appenders of every process first queue on the file's
write lock (``service.storage.write_lock``), then the transaction starts with ``BEGIN
IMMEDIATE``. The records and the head update commit together. Values are never stored: only
their keyed HMAC (see ``service.storage.audit_key`` for where the key comes from).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import IO, Any, Literal, NamedTuple

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, PendingRollbackError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from service.errors import InvalidRequestError, StorageUnavailableError
from service.storage import audit_rows as rows
from service.storage.audit_export import render_export
from service.storage.audit_key import AuditKey
from service.storage.audit_models import (
    DEFAULT_POLICY_VERSION,
    GENESIS_HASH,
    AuditEntry,
    AuditPage,
    Checkpoint,
    PurgeResult,
    RedactionDecision,
    VerifyResult,
    hash_of_dump,
)
from service.storage.audit_verify import ChainHead, ChainVerifier, checkpoint_payload, head_payload
from service.storage.engine import BUSY_TIMEOUT_S
from service.storage.group_commit import GroupCommit, WriteFailedError
from service.storage.tables import AuditHeadRow, AuditRow
from service.storage.write_lock import lock_timeout_error, write_lock_for

Clock = Callable[[], dt.datetime]
ExportFormat = Literal["jsonl", "csv"]
MAX_PAGE = 1000
_BATCH = 500

# The append path's statements, built once: constructing and cache-keying a fresh SQLAlchemy
# statement on every append cost more CPU than running it.
_HEAD_FOR_UPDATE = rows.HEAD.with_for_update()
_INSERT_RECORDS = insert(AuditRow)
_MOVE_HEAD = (
    update(AuditHeadRow)
    .where(AuditHeadRow.id == 1)
    .values(
        last_seq=bindparam("head_seq"),
        last_hash=bindparam("head_hash"),
        mac=bindparam("head_mac"),
        updated_at=bindparam("head_at"),
    )
)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class _Append:
    """One ``AuditLog.append`` waiting for its turn at the chain (``GroupCommit``)."""

    decisions: tuple[RedactionDecision, ...]
    common: dict[str, Any]
    also: Callable[[Connection], None] | None


class AuditLog:
    """Append, verify, query, export and purge the audit chain stored behind ``engine``."""

    def __init__(self, engine: Engine, key: AuditKey, *, clock: Clock = _utc_now) -> None:
        self._engine = engine
        self._key = key
        self._clock = clock
        self._write_lock = write_lock_for(engine)  # SQLite files only
        # A caller queued behind a group waits no longer than it would have at the lock.
        self._group: GroupCommit[_Append, list[AuditEntry]] = GroupCommit(
            self._append_group, wait_s=BUSY_TIMEOUT_S, timeout_error=lock_timeout_error
        )

    def append(
        self,
        decisions: Sequence[RedactionDecision],
        *,
        request_id: str | None,
        draft_id: str | None,
        tenant: str | None,
        policy_version: str = DEFAULT_POLICY_VERSION,
        also: Callable[[Connection], None] | None = None,
    ) -> list[AuditEntry]:
        """Record ``decisions`` in one transaction; StorageUnavailableError if that fails.

        ``also`` writes what the decisions are about (the stored draft) in the same
        transaction: both commit, or neither. With no decisions nothing is written (nor
        ``also`` called): the caller writes on its own then. Appends of several threads that
        meet at the chain's lock commit together (``service.storage.group_commit``); each
        returns once the transaction holding its records has committed. ``also`` runs in
        whichever thread leads the group, and again whenever its group is rolled back and
        retried (another append of it failed): it must only write through ``connection``,
        with no effect outside the transaction, and must not append to this log itself.
        """
        if not decisions:
            return []
        common: dict[str, Any] = {
            "request_id": request_id,
            "draft_id": draft_id,
            "tenant": tenant,
            "policy_version": policy_version,
        }
        return self._group.submit(_Append(tuple(decisions), common, also))

    def _append_group(self, group: Sequence[_Append]) -> list[list[AuditEntry]]:
        """Chain and write every append of ``group`` in one transaction, in order.

        A group of one fails as a lone append always did (its own error, through
        ``_guard``); in a larger group an append whose own writes fail, or anything after
        them up to the head update (its ``also`` may have broken the connection), is named by
        a :class:`WriteFailedError` (the transaction rolls back and each append is retried
        alone). The last append answers for the head update, so where a faulty append sits in
        its group does not change who fails. Only the COMMIT fails the group as a whole: a
        commit whose outcome is unknown must not be written again.
        """
        appended: list[list[AuditEntry]] = []
        with self._locked() as (connection, head):
            prev = head
            for index, append in enumerate(group):
                try:
                    records = self._chained_decisions(append, prev)
                    entries = [record.entry for record in records]
                    self._insert(connection, [record.row for record in records])
                    if append.also is not None:
                        append.also(connection)
                    if index == len(group) - 1:
                        self._move_head(connection, entries[-1])
                except BaseException as exc:  # an interrupt in a callback fails it alone too
                    if len(group) == 1:
                        raise
                    raise WriteFailedError(index, exc) from exc
                appended.append(entries)
                prev = ChainHead(entries[-1].seq, entries[-1].hash, "")
        return appended

    def _chained_decisions(self, append: _Append, head: ChainHead) -> list[_Record]:
        """``append``'s records chained after ``head``, stamped with one time."""
        now = self._clock()
        records: list[_Record] = []
        prev = head
        for decision in append.decisions:
            fields = self._decision_fields(decision)
            record = _chained(prev, now, **append.common, **fields)
            records.append(record)
            prev = ChainHead(record.entry.seq, record.entry.hash, "")
        return records

    def value_hmac(self, value: str) -> str:
        """The keyed HMAC audit records carry for ``value`` (usable as a pipeline fingerprint)."""
        return self._key.value_hmac(value)

    def verify(self, *, tenants: Sequence[str] | None = None) -> VerifyResult:
        """Walk the whole chain; the result names the first bad or missing record.

        ``tenants`` (a tenant auditor's) scopes what the result tells to those tenants'
        records (:class:`ChainVerifier`); None: the whole chain's figures (admins, the CLI).
        """
        with self._snapshot() as connection:
            head = rows.read_head(connection)
            anchor = rows.latest_checkpoint(connection)
            verifier = ChainVerifier(self._key, anchor, tenants)
            return verifier.run(rows.iter_entries(connection, _BATCH), head)

    def query(
        self,
        *,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        entity_type: str | None = None,
        direction: str | None = None,
        draft_id: str | None = None,
        limit: int = 100,
        cursor: str | None = None,
        tenants: Sequence[str] | None = None,
        source: str | None = None,
        destination: str | None = None,
    ) -> AuditPage:
        """Records matching every given filter (``start`` inclusive, ``end`` exclusive).

        ``tenants`` limits the records to those tenants' (None: every tenant's, for admins).
        """
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidRequestError(f"limit must be between 1 and {MAX_PAGE}")
        after = _parse_cursor(cursor)
        stmt = rows.filtered(
            start, end, entity_type, direction, draft_id, tenants, source, destination
        )
        stmt = stmt.where(AuditRow.seq > after).order_by(AuditRow.seq).limit(limit + 1)
        with self._guard(), self._engine.connect() as connection:
            found = [rows.to_entry(r) for r in connection.execute(stmt).mappings()]
        more = len(found) > limit
        page = found[:limit]
        return AuditPage(entries=page, next_cursor=str(page[-1].seq) if more else None)

    def iter_export(
        self, fmt: ExportFormat, *, tenants: Sequence[str] | None = None
    ) -> Iterator[str]:
        """The log (``tenants``' records, or all) as JSONL or CSV chunks, read in batches."""
        return render_export(fmt, self._iter_batches(tenants))

    def export(self, fmt: ExportFormat, stream: IO[str]) -> int:
        """Write the whole log to ``stream`` as JSONL or CSV; returns the records written."""
        count = 0

        def counted() -> Iterator[list[AuditEntry]]:
            nonlocal count
            for batch in self._iter_batches():
                count += len(batch)
                yield batch

        for chunk in render_export(fmt, counted()):
            stream.write(chunk)
        return count

    def purge(self, before: dt.datetime) -> PurgeResult:
        """Delete records older than ``before`` and append a signed checkpoint for them."""
        if before.tzinfo is None:
            raise InvalidRequestError("purge needs a timezone-aware datetime")
        with self._locked() as (connection, head):
            last = rows.last_before(connection, before)
            if last is None:
                return PurgeResult(deleted=0)
            through_seq, last_hash = last
            result = connection.execute(delete(AuditRow).where(AuditRow.seq <= through_seq))
            count = int(result.rowcount)
            signature = self._key.sign(checkpoint_payload(through_seq, last_hash, count))
            checkpoint = Checkpoint(
                purged_through_seq=through_seq,
                purged_last_hash=last_hash,
                purged_count=count,
                signature=signature,
            )
            record = _chained(head, self._clock(), action="checkpoint", checkpoint=checkpoint)
            self._write(connection, [record])
        return PurgeResult(deleted=count, checkpoint=record.entry)

    # Plumbing

    def _decision_fields(self, decision: RedactionDecision) -> dict[str, Any]:
        return {
            "direction": decision.direction,
            "entity_type": decision.entity_type,
            "recognizer": decision.recognizer,
            "score": decision.score,
            "start": decision.start,
            "end": decision.end,
            "action": decision.action,
            "source": decision.source,
            "destination": decision.destination,
            "value_hmac": (
                self._key.value_hmac(decision.value)
                if decision.value is not None
                else decision.value_hmac
            ),
        }

    def _write(self, connection: Connection, records: list[_Record]) -> None:
        """Insert ``records`` and move the head to the last one (same transaction)."""
        self._insert(connection, [record.row for record in records])
        self._move_head(connection, records[-1].entry)

    @staticmethod
    def _insert(connection: Connection, values: list[dict[str, Any]]) -> None:
        connection.execute(_INSERT_RECORDS, values)

    def _move_head(self, connection: Connection, last: AuditEntry) -> None:
        connection.execute(
            _MOVE_HEAD,
            {
                "head_seq": last.seq,
                "head_hash": last.hash,
                "head_mac": self._key.sign(head_payload(last.seq, last.hash)),
                "head_at": last.timestamp,
            },
        )

    def _iter_batches(self, tenants: Sequence[str] | None = None) -> Iterator[list[AuditEntry]]:
        after = 0
        while True:
            stmt = select(AuditRow).where(AuditRow.seq > after).order_by(AuditRow.seq)
            if tenants is not None:
                stmt = stmt.where(AuditRow.tenant.in_(list(tenants)))
            with self._guard(), self._engine.connect() as connection:
                batch = [
                    rows.to_entry(r) for r in connection.execute(stmt.limit(_BATCH)).mappings()
                ]
            if not batch:
                return
            yield batch
            after = batch[-1].seq

    @contextmanager
    def _locked(self) -> Iterator[tuple[Connection, ChainHead]]:
        """A write transaction holding the chain lock, with the current head."""
        with self._guard(), self._engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                # Appenders of every process queue on the write lock first (their turn comes
                # within 0.5 ms of the last commit, not after SQLite's busy-handler sleeps).
                # Then, as pysqlite would only BEGIN (deferred) at the first write, SQLite's
                # write lock is taken up front so two appenders can never read the same head.
                with self._write_lock.held() if self._write_lock else nullcontext():
                    connection.execution_options(isolation_level="AUTOCOMMIT")
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                    try:
                        yield connection, self._lock_head(connection)
                    except BaseException:
                        self._roll_back(connection)
                        raise
                    connection.exec_driver_sql("COMMIT")
            else:
                with connection.begin():
                    yield connection, self._lock_head(connection)

    @staticmethod
    def _roll_back(connection: Connection) -> None:
        """ROLLBACK after a failure; a connection that cannot (it died) is discarded instead.

        The failure that got here is the one to report: a ROLLBACK on a dead connection
        raises its own error (SQLAlchemy's PendingRollbackError, not a driver error) and
        would hide it. SQLite rolls back an unfinished transaction when the connection closes.
        """
        try:
            connection.exec_driver_sql("ROLLBACK")
        except Exception:  # noqa: BLE001 - the original failure is re-raised by the caller
            if not connection.invalidated:
                connection.invalidate()

    def _lock_head(self, connection: Connection) -> ChainHead:
        """Lock and read the head row, creating it first if absent (the log's first write)."""
        dialect = connection.dialect.name
        stmt = _HEAD_FOR_UPDATE if dialect == "postgresql" else rows.HEAD
        # The head exists after the first append: read it with one statement, and only try
        # the insert (and sign its genesis MAC) when it is missing.
        row = connection.execute(stmt).one_or_none()
        if row is None:
            values = {
                "id": 1,
                "last_seq": 0,
                "last_hash": GENESIS_HASH,
                "mac": self._key.sign(head_payload(0, GENESIS_HASH)),
                "updated_at": self._clock(),
            }
            module = postgresql if dialect == "postgresql" else sqlite
            insert_head = module.insert(AuditHeadRow).values(**values).on_conflict_do_nothing()
            connection.execute(insert_head)
            row = connection.execute(stmt).one()
        return ChainHead(int(row.last_seq), str(row.last_hash), str(row.mac))

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """A read-only transaction that sees one consistent state of the chain."""
        with self._guard(), self._engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                # A real read transaction: WAL then gives every SELECT the same snapshot.
                connection.execution_options(isolation_level="AUTOCOMMIT")
                connection.exec_driver_sql("BEGIN")
                try:
                    yield connection
                finally:
                    connection.exec_driver_sql("ROLLBACK")
            else:
                connection.execution_options(isolation_level="REPEATABLE READ")
                with connection.begin():
                    yield connection

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Driver and pool failures become StorageUnavailableError (class name only).

        PendingRollbackError is SQLAlchemy's word for a connection a driver failure has
        already invalidated: the same outage, not a bug in the caller.
        """
        try:
            yield
        except (DBAPIError, PoolTimeoutError, PendingRollbackError) as exc:
            kind = type(exc.orig).__name__ if isinstance(exc, DBAPIError) else type(exc).__name__
            raise StorageUnavailableError(f"audit log unavailable ({kind})") from exc


class _Record(NamedTuple):
    """A new record and its ``audit_log`` row, both from one dump of it."""

    entry: AuditEntry
    row: dict[str, Any]


def _chained(prev: ChainHead, now: dt.datetime, **fields: Any) -> _Record:
    """The record after ``prev``, with its hash filled in, and its row.

    The record is validated once and dumped once: its hash and its row are both read off
    that dump (``hash_of_dump``, ``row_of_dump``: the same rules as ``compute_hash`` and
    ``to_row``): one dump a record instead of two.
    """
    draft = AuditEntry(
        seq=prev.last_seq + 1,
        record_id=f"aud_{uuid.uuid4().hex}",
        timestamp=now,
        prev_hash=prev.last_hash,
        hash="",
        **fields,
    )
    data = draft.model_dump()
    data["hash"] = hash_of_dump(data)
    return _Record(draft.model_copy(update={"hash": data["hash"]}), rows.row_of_dump(data))


def _parse_cursor(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    if not cursor.isdigit() or len(cursor) > 18:
        raise InvalidRequestError("invalid cursor")
    return int(cursor)
