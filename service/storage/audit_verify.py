"""Walking the audit chain: the checks behind ``AuditLog.verify`` (no database code here)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from service.storage.audit_key import AuditKey
from service.storage.audit_models import (
    GENESIS_HASH,
    AuditEntry,
    Checkpoint,
    VerifyResult,
    compute_hash,
)


@dataclass(frozen=True)
class ChainHead:
    """The separately stored end of the chain: what the last record must be."""

    last_seq: int
    last_hash: str
    mac: str


def head_payload(last_seq: int, last_hash: str) -> dict[str, Any]:
    """What the head's MAC signs."""
    return {"purpose": "head", "last_seq": last_seq, "last_hash": last_hash}


def checkpoint_payload(through_seq: int, last_hash: str, count: int) -> dict[str, Any]:
    """What a checkpoint's signature signs."""
    return {
        "purpose": "checkpoint",
        "purged_through_seq": through_seq,
        "purged_last_hash": last_hash,
        "purged_count": count,
    }


def checkpoint_valid(key: AuditKey, checkpoint: Checkpoint) -> bool:
    """Whether ``checkpoint`` was signed with ``key``."""
    payload = checkpoint_payload(
        checkpoint.purged_through_seq, checkpoint.purged_last_hash, checkpoint.purged_count
    )
    return key.check(payload, checkpoint.signature)


# What a tenant's auditor is told when the chain breaks at a record stored as another tenant's:
# that it breaks, not where or how (that record is the other tenant's business). Anything else
# (a missing record, the head, a checkpoint, a record of theirs) is named with its seq and reason.
OUTSIDE_TENANT = "a record stored as another tenant's does not verify (an admin's key shows where)"


class _Broken(Exception):
    """Raised inside the walk at the first problem.

    ``foreign``: at a record known to be another tenant's than the reader's (a tenant
    auditor is then not told where).
    """

    def __init__(self, seq: int | None, reason: str, *, foreign: bool = False) -> None:
        super().__init__(reason)
        self.seq = seq
        self.reason = reason
        self.foreign = foreign


class ChainVerifier:
    """Checks records in seq order, then the head; stops at the first problem.

    The whole chain is always walked (a link is only as good as the one before it). With
    ``tenants`` (a tenant auditor's names, ``service.routes.audit``) the result speaks
    of those tenants' records only: how many were checked and the last of them as the
    "head"; where the chain breaks is named unless it breaks at a record known to be
    another tenant's (a gap, the head or a checkpoint belongs to no one it could hide).
    """

    def __init__(
        self, key: AuditKey, anchor: AuditEntry | None, tenants: Collection[str] | None = None
    ) -> None:
        self._key = key
        self._anchor = anchor
        self._tenants = None if tenants is None else frozenset(tenants)
        self.checked = 0
        self._own_checked = 0
        self._own_last: AuditEntry | None = None
        self._prev_foreign = False  # the genesis or a checkpoint's anchor: no one's record
        self._next_seq = 1
        self._prev_hash = GENESIS_HASH
        if anchor is not None and anchor.checkpoint is not None:
            # After a purge the chain legitimately starts where the checkpoint says.
            self._next_seq = anchor.checkpoint.purged_through_seq + 1
            self._prev_hash = anchor.checkpoint.purged_last_hash

    def run(self, entries: Iterable[AuditEntry], head: ChainHead | None) -> VerifyResult:
        """Verify ``entries`` (all of them, in seq order) against ``head``."""
        try:
            self._check_anchor()
            for entry in entries:
                self._check_entry(entry)
            self._check_head(head)
        except _Broken as broken:
            return self._result(head, broken)
        return self._result(head, None)

    def _check_anchor(self) -> None:
        anchor = self._anchor
        if anchor is not None and anchor.checkpoint is not None:
            if not checkpoint_valid(self._key, anchor.checkpoint):
                raise _Broken(anchor.seq, "checkpoint signature is not valid for the audit key")

    def _check_entry(self, entry: AuditEntry) -> None:
        expected = self._next_seq
        if entry.seq > expected:
            span = f"{expected}" if entry.seq == expected + 1 else f"{expected}..{entry.seq - 1}"
            # Named to everyone: whose the record was is gone with it, and the reason is true
            # whoever's it was.
            raise _Broken(expected, f"record(s) {span} missing")
        if entry.seq < expected:
            reason = f"record {entry.seq} is out of order"
            raise _Broken(entry.seq, reason, foreign=self._foreign(entry))
        if entry.prev_hash != self._prev_hash:
            # The record before may be the one changed: hidden only if both are another's.
            reason = f"prev_hash does not match record {entry.seq - 1}"
            foreign = self._prev_foreign and self._foreign(entry)
            raise _Broken(entry.seq, reason, foreign=foreign)
        if compute_hash(entry) != entry.hash:
            reason = "content does not match its hash (edited)"
            raise _Broken(entry.seq, reason, foreign=self._foreign(entry))
        if entry.checkpoint is not None and not checkpoint_valid(self._key, entry.checkpoint):
            raise _Broken(entry.seq, "checkpoint signature is not valid for the audit key")
        self.checked += 1
        own = self._tenants is not None and entry.tenant in self._tenants
        # Its hash verified, so its stored tenant is the one it was written with.
        self._prev_foreign = self._tenants is not None and entry.tenant is not None and not own
        if own:
            self._own_checked += 1
            self._own_last = entry
        self._next_seq = entry.seq + 1
        self._prev_hash = entry.hash

    def _foreign(self, entry: AuditEntry) -> bool:
        """Whether ``entry`` is known to be another tenant's than the reader's.

        The stored ``tenant`` is hashed, but this is asked before (or after a failed) hash
        check: a record of the reader's whose tenant alone was edited still hashes right
        with the reader's tenant, and stays theirs. No tenant (a checkpoint) is no one's.
        """
        tenants = self._tenants
        if tenants is None or entry.tenant is None or entry.tenant in tenants:
            return False
        if compute_hash(entry) == entry.hash:
            return True
        return not any(
            compute_hash(entry.model_copy(update={"tenant": name})) == entry.hash
            for name in tenants
        )

    def _check_head(self, head: ChainHead | None) -> None:
        last_seq = self._next_seq - 1
        if head is None:
            if self.checked or self._anchor is not None:
                raise _Broken(last_seq, "the chain head record is missing")
            return  # an empty log
        if not self._key.check(head_payload(head.last_seq, head.last_hash), head.mac):
            raise _Broken(head.last_seq, "chain head signature is not valid for the audit key")
        if head.last_seq > last_seq:
            raise _Broken(
                last_seq + 1, f"records {last_seq + 1}..{head.last_seq} missing (truncated)"
            )
        if head.last_seq < last_seq:
            raise _Broken(head.last_seq + 1, "records after the chain head")
        if head.last_hash != self._prev_hash:
            raise _Broken(last_seq, "last record does not match the chain head")

    def _result(self, head: ChainHead | None, broken: _Broken | None) -> VerifyResult:
        if self._tenants is None:
            return VerifyResult(
                ok=broken is None,
                checked=self.checked,
                first_bad_seq=broken.seq if broken else None,
                reason=broken.reason if broken else None,
                head_seq=head.last_seq if head else None,
                head_hash=head.last_hash if head else None,
            )
        last = self._own_last
        shown = broken is not None and not broken.foreign
        return VerifyResult(
            ok=broken is None,
            checked=self._own_checked,
            first_bad_seq=broken.seq if broken is not None and shown else None,
            reason=None if broken is None else broken.reason if shown else OUTSIDE_TENANT,
            head_seq=last.seq if last else None,
            head_hash=last.hash if last else None,
            scope="tenant",
        )
