"""Group commit: the writes that queue up while one transaction commits share the next one.

Every draft appends its audit records and stores its masked copy in one transaction, which
holds the chain's lock (SQLite's write lock and the cross-process lock file, or PostgreSQL's
head row) from its ``BEGIN`` to its ``COMMIT`` and its disk flush. Under load the drafts of a
process queue there one by one. With a group commit the first writer to find no commit
running leads: it takes every write queued so far and commits them in one transaction, one
lock, one head update and one flush; the writers that arrive meanwhile wait, and the next
of them to wake leads the next group. No thread is added and nothing waits on a timer: a
lone write is a group of one, committed at once, as before.

Each caller returns only after the transaction holding its write has committed (or with its
error): a draft is still answered only once its rows are on disk. When a write of the group
fails, the group is rolled back and its writes are retried one transaction each, so that one
faulty write fails alone and the others commit as they would have on their own; a failure
before the first write or at the commit (the database unreachable, the lock's timeout)
fails the whole group, which each of its writes would have met alike.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

_W = TypeVar("_W")  # a queued write
_R = TypeVar("_R")  # what a committed write returns to its caller


class WriteFailedError(Exception):
    """Raised by a group's writer when one write failed: ``index`` names it in the group."""

    def __init__(self, index: int, cause: BaseException) -> None:
        super().__init__(f"write {index} of the group failed")
        self.index = index
        self.cause = cause


@dataclass
class _Slot(Generic[_W, _R]):
    write: _W
    done: bool = False
    result: _R | None = None
    error: BaseException | None = None


class GroupCommit(Generic[_W, _R]):
    """Commits queued writes in groups through ``commit_group`` (one transaction a group).

    ``commit_group(writes)`` writes them all in one transaction and returns one result per
    write, in order. When a write's own statements fail in a group of several it rolls back
    and raises :class:`WriteFailedError`; any other exception (and any exception of a group
    of one, which is then that write's own error) fails every write of the group.
    """

    def __init__(self, commit_group: Callable[[Sequence[_W]], list[_R]]) -> None:
        self._commit_group = commit_group
        self._turn = threading.Condition()
        self._queued: list[_Slot[_W, _R]] = []
        self._leading = False
        # The thread committing a group: a write submitted from inside that commit (from a
        # write's own callback) would wait for its own thread, so it is refused instead.
        self._leader = threading.local()

    def submit(self, write: _W) -> _R:
        """Commit ``write`` (with whatever else is queued); its result once committed."""
        if getattr(self._leader, "active", False):
            raise RuntimeError("a write submitted from inside its group's commit")
        slot: _Slot[_W, _R] = _Slot(write)
        group: list[_Slot[_W, _R]] | None = None
        with self._turn:
            self._queued.append(slot)
            while self._leading and not slot.done:
                self._turn.wait()
            if not slot.done:
                # No group is committing: this caller leads every write queued so far.
                self._leading = True
                group, self._queued = self._queued, []
        if group is not None:
            self._lead(group)
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]

    def _lead(self, group: list[_Slot[_W, _R]]) -> None:
        self._leader.active = True
        try:
            self._commit(group)
        finally:
            self._leader.active = False
            with self._turn:
                for slot in group:
                    slot.done = True
                self._leading = False
                self._turn.notify_all()

    def _commit(self, group: list[_Slot[_W, _R]]) -> None:
        try:
            results = self._commit_group([slot.write for slot in group])
        except WriteFailedError as failed:
            if len(group) == 1:
                group[0].error = failed.cause
                return
            # One write's own statements failed: each write alone, in its own transaction.
            for slot in group:
                self._commit([slot])
            return
        except BaseException as exc:  # the transaction as a whole: every write of it failed
            for slot in group:
                slot.error = exc
            return
        for slot, result in zip(group, results, strict=True):
            slot.result = result
