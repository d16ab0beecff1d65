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
fails (its own statements, its callback, or anything after it up to the commit, such as the
connection dying), the group is rolled back and its writes are retried one transaction each,
so that one faulty write fails alone and the others commit as they would have on their own;
a write that failed with an interrupt (a ``BaseException`` that is not an ``Exception``)
gets it back without a retry. A failure before the first write or at the commit itself (the
database unreachable, the lock's timeout, a commit whose outcome is unknown and so must not
be retried) fails the whole group, which each of its writes would have met alike; each
caller then raises its own copy of that error, chained to it.

A caller waits for its group to start at most ``wait_s`` (the storage's lock timeout, as it
would have waited at the lock itself) and then fails with ``timeout_error()``. A caller that
leaves the queue before its group starts (that timeout, or an asynchronous exception such as
KeyboardInterrupt) takes its write with it: nothing of it is written. Once its group has
started, its outcome is the group's: it waits for it, and if an asynchronous exception ends
the wait anyway, its write may still commit, as it would have once inside its transaction.
After ``fork()`` the child starts with an empty queue and no group running.
"""

from __future__ import annotations

import copy
import os
import threading
import time
import weakref
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


@dataclass(eq=False)  # slots are compared by identity: two callers may queue equal writes
class _Slot(Generic[_W, _R]):
    write: _W
    done: bool = False
    result: _R | None = None
    error: BaseException | None = None
    shared: bool = False  # ``error`` failed the whole group: each caller raises its own copy


# Every GroupCommit of the process, reset in a forked child (see ``_reset_after_fork``).
_INSTANCES: weakref.WeakSet[GroupCommit[object, object]] = weakref.WeakSet()


class GroupCommit(Generic[_W, _R]):
    """Commits queued writes in groups through ``commit_group`` (one transaction a group).

    ``commit_group(writes)`` writes them all in one transaction and returns one result per
    write, in order. When a write fails in a group of several (anything from its first
    statement up to the commit) it rolls back and raises :class:`WriteFailedError`; any other
    exception (and any exception of a group of one, which is then that write's own error)
    fails every write of the group. A caller waits at most ``wait_s`` for its group to start,
    then raises ``timeout_error()``.
    """

    def __init__(
        self,
        commit_group: Callable[[Sequence[_W]], list[_R]],
        *,
        wait_s: float,
        timeout_error: Callable[[], BaseException],
    ) -> None:
        self._commit_group = commit_group
        self._wait_s = wait_s
        self._timeout_error = timeout_error
        self._reset()
        _INSTANCES.add(self)  # type: ignore[arg-type]

    def _reset(self) -> None:
        """No write queued and no group running (a new instance, or a forked child's copy)."""
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
            try:
                self._await_turn(slot)
            except BaseException:
                # Left before its group started (timeout, interrupt): nothing of it is
                # written. Once taken into a group it is no longer queued: the group's outcome.
                if slot in self._queued:
                    self._queued.remove(slot)
                raise
            if not slot.done:
                # No group is committing: this caller leads every write queued so far.
                self._leading = True
                group, self._queued = self._queued, []
        if group is not None:
            self._lead(group)
        if slot.error is not None:
            if slot.shared:
                raise _own_copy(slot.error) from slot.error
            raise slot.error
        return slot.result  # type: ignore[return-value]

    def _await_turn(self, slot: _Slot[_W, _R]) -> None:
        """Wait (holding ``_turn``) until ``slot`` is done or may lead; bounded while queued."""
        deadline = time.monotonic() + self._wait_s
        while self._leading and not slot.done:
            left = deadline - time.monotonic()
            if slot in self._queued and left <= 0:
                raise self._timeout_error()
            # Once its group has started, the slot waits for the group's end.
            self._turn.wait(left if slot in self._queued else None)

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
            # One write failed: each write alone, in its own transaction. An interrupt is not
            # repeated: its write fails with it, the others are retried.
            for index, slot in enumerate(group):
                if index == failed.index and not isinstance(failed.cause, Exception):
                    slot.error = failed.cause
                else:
                    self._commit([slot])
            return
        except BaseException as exc:  # the transaction as a whole: every write of it failed
            for slot in group:
                slot.error = exc
                slot.shared = len(group) > 1
            return
        for slot, result in zip(group, results, strict=True):
            slot.result = result


def _own_copy(error: BaseException) -> BaseException:
    """A fresh ``error`` for one caller, so N threads do not raise (and extend) one object."""
    try:
        own = copy.copy(error)
    except Exception:  # noqa: BLE001 - an exception type that cannot be rebuilt: share it
        return error
    return own if type(own) is type(error) else error


def _reset_after_fork() -> None:
    """In a forked child, the parent's queued callers and running leader do not exist."""
    for instance in list(_INSTANCES):
        instance._reset()


os.register_at_fork(after_in_child=_reset_after_fork)
