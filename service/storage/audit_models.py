"""Audit chain records and their canonical hashing (no database code here).

A record's ``hash`` is SHA-256 over the canonical JSON of every other field, ``prev_hash``
included: keys sorted, no whitespace, UTF-8, timestamps as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
An auditor can recompute it with any JSON library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from guardrails.pii import RedactionDecision as DetectorDecision

SCHEMA_VERSION = 2
# Fields added by schema_version 2: hashed for records that carry them, never for v1 records
# (those were hashed without them and must keep verifying).
V2_FIELDS = frozenset({"source", "destination"})
GENESIS_HASH = "0" * 64
DEFAULT_POLICY_VERSION = "pii/1"

Direction = Literal["inbound", "outbound", "restore"]
DecisionAction = Literal["mask", "block", "restore", "allow"]
Action = Literal["mask", "block", "restore", "allow", "checkpoint"]


_DIRECTION_OF: dict[str, Direction] = {
    "mask": "inbound",
    "block": "outbound",
    "allow": "outbound",  # a value the outbound scan found in the draft and let through
    "restore": "restore",
}


@dataclass(frozen=True)
class RedactionDecision:
    """One detector decision to record; ``value`` only feeds the HMAC and is never stored.

    Give ``value``, or ``value_hmac`` already computed with ``AuditLog.value_hmac``.
    ``direction`` defaults from ``action`` (mask: inbound, block: outbound, restore: restore).
    """

    entity_type: str
    recognizer: str
    score: float
    start: int
    end: int
    action: DecisionAction
    direction: Direction | None = None
    # repr=False: a decision that ends up in a log or traceback must not show the value.
    value: str | None = field(default=None, repr=False)
    value_hmac: str | None = None
    source: str | None = None
    destination: str | None = None

    @classmethod
    def from_detector(
        cls, decision: DetectorDecision, *, destination: str | None = None
    ) -> RedactionDecision:
        """The record input for a masker/guardrail decision (its HMAC, never the value).

        ``destination`` is where the masked text went (``model @ host``) or ``none``.
        """
        return cls(
            entity_type=decision.entity_type,
            recognizer=decision.recognizer,
            score=decision.score,
            start=decision.start,
            end=decision.end,
            action=decision.action,
            value_hmac=decision.value_fingerprint,
            source=decision.source,
            destination=destination,
        )

    def __post_init__(self) -> None:
        if self.direction is None:
            # Frozen dataclass: the documented way to fill a derived field.
            object.__setattr__(self, "direction", _DIRECTION_OF[self.action])


class Checkpoint(BaseModel):
    """What a purge removed, signed with the audit key so the shortened chain still verifies."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    purged_through_seq: int
    """Highest seq the purge deleted; the chain now starts right after it."""
    purged_last_hash: str
    """``hash`` of record ``purged_through_seq``: the ``prev_hash`` the next record must carry."""
    purged_count: int
    """How many records the purge deleted."""
    signature: str
    """HMAC-SHA256 (hex) over the three fields above, keyed with the audit key."""


class AuditEntry(BaseModel):
    """One append-only record of the redaction audit chain."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True, extra="forbid")

    schema_version: int = SCHEMA_VERSION
    """Version of this record layout; bumped on any change to the fields or the hashing."""
    seq: int = Field(ge=1)
    """Position in the chain: 1, 2, 3, ... with no gaps (a gap means a deleted record)."""
    record_id: str
    """Unique id of the record (``aud_`` + 32 hex digits)."""
    timestamp: dt.datetime
    """When the record was appended (UTC)."""
    request_id: str | None = None
    """The HTTP request id (``x-request-id``) the decision was made in."""
    draft_id: str | None = None
    """The draft the decision belongs to."""
    tenant: str | None = None
    """The tenant the request was made for (its name; records written before tenants existed
    hold the id of the API key that made them, ``local-demo`` in keyless demo mode)."""
    direction: Direction | None = None
    """inbound (masked before the model), outbound (found in the draft) or restore; none on
    checkpoints."""
    entity_type: str | None = None
    """Detected entity type (``EMAIL_ADDRESS``, ``JP_MY_NUMBER``, ...); none on checkpoints."""
    recognizer: str | None = None
    """Name of the recognizer that found the value."""
    score: float | None = Field(default=None, allow_inf_nan=False)
    """Detector confidence."""
    start: int | None = None
    """Start offset of the value in the text it was found in (code points)."""
    end: int | None = None
    """End offset (exclusive) of the value."""
    action: Action
    """mask, block, restore, allow (a value the outbound scan found and let through), or
    checkpoint (left by a purge)."""
    policy_version: str = DEFAULT_POLICY_VERSION
    """Version of the detection policy / detector that made the decision."""
    value_hmac: str | None = None
    """HMAC-SHA256 (hex) of the value under the audit key: equal values give equal HMACs."""
    source: str | None = None
    """Where the value was found: ``thread.messages[0] (customer)``, ``thread.subject``,
    ``customer.name``, ``knowledge_base[ID]`` or ``draft`` (schema_version 2 and later)."""
    destination: str | None = None
    """Model and provider host the masked text was sent to (``openai/gpt-4o-mini @
    api.openai.com``), or ``none`` when nothing left the process (schema_version 2 and later)."""
    checkpoint: Checkpoint | None = None
    """Set on checkpoint records only."""
    prev_hash: str
    """``hash`` of the previous record (64 zeros for the first record ever)."""
    hash: str
    """SHA-256 (hex) over the canonical JSON of every other field of this record."""


class VerifyResult(BaseModel):
    """The outcome of walking the chain."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    ok: bool
    """True when every link, hash, signature and the head agree."""
    checked: int
    """How many records were checked (scope ``tenant``: how many of the tenant's)."""
    first_bad_seq: int | None = None
    """The first record that is wrong or missing; none when ok (scope ``tenant``: none too
    when that record is stored as another tenant's; ``reason`` then says only that)."""
    reason: str | None = None
    """What is wrong there, in one sentence (never record content)."""
    head_seq: int | None = None
    """The head's last seq: auditors can note it (with head_hash) outside the database.
    Scope ``tenant``: the seq of the tenant's last record checked."""
    head_hash: str | None = None
    """The head's last hash (scope ``tenant``: that record's hash)."""
    scope: Literal["chain", "tenant"] = "chain"
    """``chain``: the figures are the whole chain's (admins, the CLI). ``tenant``: ``ok`` is
    still the whole chain's, ``checked`` and ``head_*`` speak of the caller's tenant's
    records only, and ``first_bad_seq``/``reason`` are withheld only when the break is in a
    record stored as another tenant's (seqs are global: their gaps show others' activity)."""


class AuditPage(BaseModel):
    """One page of a query."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    entries: list[AuditEntry]
    """Matching records in chain order."""
    next_cursor: str | None = None
    """Pass as ``cursor`` to get the next page; none on the last page."""


class PurgeResult(BaseModel):
    """What ``AuditLog.purge`` did."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    deleted: int
    """Records deleted."""
    checkpoint: AuditEntry | None = None
    """The checkpoint record appended; none when nothing was old enough."""


def canonical_json(data: Any) -> bytes:
    """Deterministic JSON bytes: sorted keys, no whitespace, UTF-8, no NaN."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def format_timestamp(value: dt.datetime) -> str:
    """The canonical timestamp text: UTC with microseconds and a ``Z``."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def hashable_fields(entry: AuditEntry) -> dict[str, Any]:
    """Every field but ``hash``, as the plain data the hash is computed over.

    A schema_version 1 record is hashed over the fields it was written with (no ``source``,
    ``destination``), so records written before version 2 still verify.
    """
    return _hashable(entry.model_dump())


def _hashable(data: dict[str, Any]) -> dict[str, Any]:
    """:func:`hashable_fields` of a record's full ``model_dump`` (``data`` is not changed)."""
    left_out = {"hash"} | (V2_FIELDS if data["schema_version"] < 2 else frozenset())
    kept = {name: value for name, value in data.items() if name not in left_out}
    kept["timestamp"] = format_timestamp(data["timestamp"])
    return kept


def compute_hash(entry: AuditEntry) -> str:
    """SHA-256 (hex) over the canonical JSON of ``entry`` without its ``hash``."""
    return hash_of_dump(entry.model_dump())


def hash_of_dump(data: dict[str, Any]) -> str:
    """:func:`compute_hash` of the record whose ``model_dump()`` is ``data``.

    For a writer that dumps each new record once, for its hash and for its row alike.
    """
    return hashlib.sha256(canonical_json(_hashable(data))).hexdigest()
