"""Mapping audit records to and from ``audit_log`` rows, and the reads ``AuditLog`` shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, func, select

from service.storage.audit_models import AuditEntry, Checkpoint
from service.storage.audit_verify import ChainHead
from service.storage.tables import AuditHeadRow, AuditRow

# Model field -> column, where they differ (``end`` is an SQL keyword; clearer names in SQL).
_RENAMED = {"timestamp": "recorded_at", "start": "span_start", "end": "span_end"}
_CHECKPOINT_COLUMNS = {
    "purged_through_seq": "cp_through_seq",
    "purged_last_hash": "cp_last_hash",
    "purged_count": "cp_count",
    "signature": "cp_signature",
}


def to_row(entry: AuditEntry) -> dict[str, Any]:
    """The ``audit_log`` column values for ``entry``."""
    return row_of_dump(entry.model_dump())


def row_of_dump(data: dict[str, Any]) -> dict[str, Any]:
    """:func:`to_row` of the record whose ``model_dump()`` is ``data``."""
    values = {_RENAMED.get(name, name): value for name, value in data.items()}
    checkpoint = values.pop("checkpoint") or {}
    for field, column in _CHECKPOINT_COLUMNS.items():
        values[column] = checkpoint.get(field)
    return values


def to_entry(row: RowMapping) -> AuditEntry:
    """The record stored in ``row`` (a result mapping of ``select(AuditRow)``)."""
    data: dict[str, Any] = {
        name: row[_RENAMED.get(name, name)]
        for name in AuditEntry.model_fields
        if name != "checkpoint"
    }
    if row["cp_signature"] is not None:
        data["checkpoint"] = Checkpoint(
            **{field: row[column] for field, column in _CHECKPOINT_COLUMNS.items()}
        )
    return AuditEntry.model_validate(data)


# The chain head's row, built once: the append path reads it (locked) on every draft.
HEAD = select(AuditHeadRow.last_seq, AuditHeadRow.last_hash, AuditHeadRow.mac).where(
    AuditHeadRow.id == 1
)


def read_head(connection: Connection) -> ChainHead | None:
    """The chain head, or None when there is none yet."""
    row = connection.execute(HEAD).one_or_none()
    if row is None:
        return None
    return ChainHead(int(row.last_seq), str(row.last_hash), str(row.mac))


def latest_checkpoint(connection: Connection) -> AuditEntry | None:
    """The newest checkpoint record: it says where the (purged) chain starts."""
    stmt = select(AuditRow).where(AuditRow.action == "checkpoint").order_by(AuditRow.seq.desc())
    row = connection.execute(stmt.limit(1)).mappings().one_or_none()
    return to_entry(row) if row is not None else None


def iter_entries(connection: Connection, batch: int) -> Iterator[AuditEntry]:
    """Every record in seq order, read ``batch`` at a time over ``connection``."""
    after = 0
    while True:
        stmt = select(AuditRow).where(AuditRow.seq > after).order_by(AuditRow.seq).limit(batch)
        found = [to_entry(r) for r in connection.execute(stmt).mappings()]
        yield from found
        if len(found) < batch:
            return
        after = found[-1].seq


def last_before(connection: Connection, before: dt.datetime) -> tuple[int, str] | None:
    """Seq and hash of the newest record older than ``before``, if any."""
    newest = select(func.max(AuditRow.seq)).where(AuditRow.recorded_at < before)
    seq = connection.execute(newest).scalar_one_or_none()
    if seq is None:
        return None
    found = connection.execute(select(AuditRow.hash).where(AuditRow.seq == seq)).scalar_one()
    return int(seq), str(found)


def filtered(
    start: dt.datetime | None,
    end: dt.datetime | None,
    entity_type: str | None,
    direction: str | None,
    draft_id: str | None,
    tenants: Sequence[str] | None = None,
    source: str | None = None,
    destination: str | None = None,
) -> Select[Any]:
    """``select(AuditRow)`` with every given filter applied (exact matches)."""
    stmt: Select[Any] = select(AuditRow)
    if start is not None:
        stmt = stmt.where(AuditRow.recorded_at >= start)
    if end is not None:
        stmt = stmt.where(AuditRow.recorded_at < end)
    if entity_type is not None:
        stmt = stmt.where(AuditRow.entity_type == entity_type)
    if direction is not None:
        stmt = stmt.where(AuditRow.direction == direction)
    if draft_id is not None:
        stmt = stmt.where(AuditRow.draft_id == draft_id)
    if tenants is not None:
        stmt = stmt.where(AuditRow.tenant.in_(list(tenants)))
    if source is not None:
        stmt = stmt.where(AuditRow.source == source)
    if destination is not None:
        stmt = stmt.where(AuditRow.destination == destination)
    return stmt
