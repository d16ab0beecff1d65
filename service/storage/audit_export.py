"""Rendering audit records as JSONL or CSV text, batch by batch (for streaming)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from service.errors import InvalidRequestError
from service.storage.audit_models import AuditEntry, Checkpoint, format_timestamp

EXPORT_FORMATS = ("jsonl", "csv")
CHECKPOINT_PREFIX = "checkpoint_"
CSV_COLUMNS = [name for name in AuditEntry.model_fields if name != "checkpoint"] + [
    CHECKPOINT_PREFIX + name for name in Checkpoint.model_fields
]


def render_export(fmt: str, batches: Iterable[list[AuditEntry]]) -> Iterator[str]:
    """Text chunks of ``batches`` in ``fmt`` (``jsonl``: one record per line; ``csv``: header)."""
    if fmt == "jsonl":
        return _jsonl(batches)
    if fmt == "csv":
        return _csv(batches)
    raise InvalidRequestError(f"unknown export format {fmt!r}; use one of: jsonl, csv")


def _jsonl(batches: Iterable[list[AuditEntry]]) -> Iterator[str]:
    for batch in batches:
        yield "".join(entry.model_dump_json() + "\n" for entry in batch)


def _csv(batches: Iterable[list[AuditEntry]]) -> Iterator[str]:
    yield _csv_lines([CSV_COLUMNS])
    for batch in batches:
        yield _csv_lines(csv_row(entry) for entry in batch)


def csv_row(entry: AuditEntry) -> list[Any]:
    """One CSV row of ``entry``, in ``CSV_COLUMNS`` order (checkpoint fields flattened)."""
    data = entry.model_dump(exclude={"checkpoint"})
    data["timestamp"] = format_timestamp(entry.timestamp)
    checkpoint = entry.checkpoint.model_dump() if entry.checkpoint else {}
    data.update({CHECKPOINT_PREFIX + k: v for k, v in checkpoint.items()})
    return ["" if data.get(c) is None else data[c] for c in CSV_COLUMNS]


def _csv_lines(rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
