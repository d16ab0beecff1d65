"""GroupCommit: writes queued behind a commit share the next one; a faulty write fails alone."""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest

from service.storage.group_commit import GroupCommit, WriteFailedError


class WaitTimeoutError(Exception):
    """What a caller that waited too long for its group gets in these tests."""


WAIT: dict[str, Any] = {"wait_s": 5.0, "timeout_error": lambda: WaitTimeoutError("timeout")}


class Recorder:
    """A ``commit_group`` that records each group, can hold the first one, and fail writes."""

    def __init__(self, *, fail_write: str | None = None, fail_all: bool = False) -> None:
        self.groups: list[list[str]] = []
        self.first_started = threading.Event()
        self.release_first = threading.Event()
        self.fail_write = fail_write
        self.fail_all = fail_all

    def __call__(self, writes: Sequence[str]) -> list[str]:
        self.groups.append(list(writes))
        if len(self.groups) == 1:
            self.first_started.set()
            assert self.release_first.wait(5)
        if self.fail_all:
            raise RuntimeError("database unreachable")
        for index, write in enumerate(writes):
            if write == self.fail_write:
                if len(writes) == 1:
                    raise ValueError(f"bad write {write}")
                raise WriteFailedError(index, ValueError(f"bad write {write}"))
        return [f"done {w}" for w in writes]


def _submit_all(
    group: GroupCommit[str, str], recorder: Recorder, names: list[str]
) -> dict[str, object]:
    """``names[0]`` leads and is held; the others queue behind it; then the first commits."""
    outcomes: dict[str, object] = {}

    def submit(name: str) -> None:
        try:
            outcomes[name] = group.submit(name)
        except Exception as exc:  # noqa: BLE001 - the test reads each caller's error
            outcomes[name] = exc

    first = threading.Thread(target=submit, args=(names[0],))
    first.start()
    assert recorder.first_started.wait(5)
    others = [threading.Thread(target=submit, args=(n,)) for n in names[1:]]
    for thread in others:
        thread.start()
    # Every other caller is queued (waiting on the condition) before the first commit ends.
    deadline = time.monotonic() + 5
    while len(group._queued) < len(names) - 1 and time.monotonic() < deadline:
        time.sleep(0.001)
    recorder.release_first.set()
    for thread in [first, *others]:
        thread.join(5)
    return outcomes


def test_a_lone_write_is_a_group_of_one() -> None:
    recorder = Recorder()
    recorder.release_first.set()
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    assert group.submit("a") == "done a"
    assert group.submit("b") == "done b"
    assert recorder.groups == [["a"], ["b"]]


def test_writes_queued_behind_a_commit_share_the_next_one() -> None:
    recorder = Recorder()
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    names = ["a", "b", "c", "d", "e"]
    outcomes = _submit_all(group, recorder, names)
    assert outcomes == {n: f"done {n}" for n in names}
    assert recorder.groups[0] == ["a"]
    assert sorted(recorder.groups[1]) == ["b", "c", "d", "e"]
    assert len(recorder.groups) == 2


def test_a_faulty_write_fails_alone_and_the_others_commit() -> None:
    recorder = Recorder(fail_write="c")
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    names = ["a", "b", "c", "d"]
    outcomes = _submit_all(group, recorder, names)
    assert outcomes["a"] == "done a"
    assert outcomes["b"] == "done b" and outcomes["d"] == "done d"
    error = outcomes["c"]
    assert isinstance(error, ValueError) and str(error) == "bad write c"
    # The shared group failed, then each of its writes went alone.
    assert sorted(recorder.groups[1]) == ["b", "c", "d"]
    assert sorted(g[0] for g in recorder.groups[2:]) == ["b", "c", "d"]
    assert all(len(g) == 1 for g in recorder.groups[2:])


def test_a_failed_transaction_fails_every_write_of_its_group() -> None:
    recorder = Recorder(fail_all=True)
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    outcomes = _submit_all(group, recorder, ["a", "b", "c"])
    assert all(isinstance(o, RuntimeError) for o in outcomes.values())
    assert len(recorder.groups) == 2  # not retried one by one


def test_the_next_write_after_a_failure_leads_again() -> None:
    calls: list[list[str]] = []

    def commit(writes: Sequence[str]) -> list[str]:
        calls.append(list(writes))
        if writes == ["bad"]:
            raise RuntimeError("no")
        return list(writes)

    group: GroupCommit[str, str] = GroupCommit(commit, **WAIT)
    with pytest.raises(RuntimeError):
        group.submit("bad")
    assert group.submit("good") == "good"
    assert calls == [["bad"], ["good"]]


def test_a_write_submitted_from_inside_a_commit_is_refused() -> None:
    group: GroupCommit[str, str]

    def commit(writes: Sequence[str]) -> list[str]:
        if writes == ["outer"]:
            with pytest.raises(RuntimeError, match="inside its group's commit"):
                group.submit("inner")
        return list(writes)

    group = GroupCommit(commit, **WAIT)
    assert group.submit("outer") == "outer"
    assert group.submit("after") == "after"


def test_each_caller_of_a_failed_group_raises_its_own_error() -> None:
    recorder = Recorder(fail_all=True)
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    outcomes = _submit_all(group, recorder, ["a", "b", "c"])
    b, c = outcomes["b"], outcomes["c"]
    assert isinstance(b, RuntimeError) and isinstance(c, RuntimeError)
    assert b is not c and str(b) == str(c) == "database unreachable"
    # Each is chained to the group's one failure.
    assert isinstance(b.__cause__, RuntimeError) and c.__cause__ is b.__cause__


class Interrupt(BaseException):
    """A BaseException that is not an Exception (like KeyboardInterrupt)."""


def test_an_interrupted_write_fails_alone_and_is_not_retried() -> None:
    calls: list[list[str]] = []
    recorder = Recorder()

    def commit(writes: Sequence[str]) -> list[str]:
        calls.append(list(writes))
        if len(writes) > 1 and "c" in writes:
            raise WriteFailedError(writes.index("c"), Interrupt())
        return recorder(writes)

    group: GroupCommit[str, str] = GroupCommit(commit, **WAIT)
    outcomes: dict[str, object] = {}

    def submit(name: str) -> None:
        try:
            outcomes[name] = group.submit(name)
        except BaseException as exc:  # noqa: BLE001 - the test reads each caller's error
            outcomes[name] = exc

    first = threading.Thread(target=submit, args=("a",))
    first.start()
    assert recorder.first_started.wait(5)
    others = [threading.Thread(target=submit, args=(n,)) for n in ["b", "c", "d"]]
    for thread in others:
        thread.start()
    _wait_queued(group, 3)
    recorder.release_first.set()
    for thread in [first, *others]:
        thread.join(5)
    assert isinstance(outcomes["c"], Interrupt)
    assert outcomes["b"] == "done b" and outcomes["d"] == "done d"
    assert ["c"] not in calls  # not run again on its own


def _wait_queued(group: GroupCommit[str, str], n: int) -> None:
    deadline = time.monotonic() + 5
    while len(group._queued) < n and time.monotonic() < deadline:
        time.sleep(0.001)
    assert len(group._queued) == n


def test_a_queued_write_waits_at_most_the_lock_timeout() -> None:
    recorder = Recorder()
    group: GroupCommit[str, str] = GroupCommit(
        recorder, wait_s=0.2, timeout_error=lambda: WaitTimeoutError("timeout")
    )
    first = threading.Thread(target=group.submit, args=("a",))
    first.start()
    assert recorder.first_started.wait(5)
    began = time.monotonic()
    with pytest.raises(WaitTimeoutError):
        group.submit("b")
    assert 0.15 < time.monotonic() - began < 2
    assert group._queued == []  # it left and took its write with it
    recorder.release_first.set()
    first.join(5)
    assert group.submit("c") == "done c"
    assert recorder.groups == [["a"], ["c"]]


def test_an_interrupted_waiter_takes_its_write_with_it() -> None:
    recorder = Recorder()
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    first = threading.Thread(target=group.submit, args=("a",))
    first.start()
    assert recorder.first_started.wait(5)
    outcome: list[BaseException] = []

    def waiter() -> None:
        try:
            group.submit("interrupted")
        except Interrupt as exc:
            outcome.append(exc)

    thread = threading.Thread(target=waiter)
    thread.start()
    _wait_queued(group, 1)
    # An asynchronous exception, as KeyboardInterrupt would land in a waiting thread.
    ident = ctypes.c_ulong(thread.ident or 0)
    assert ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, ctypes.py_object(Interrupt)) == 1
    with group._turn:
        group._turn.notify_all()  # wake the waiter so the exception is delivered
    thread.join(5)
    assert len(outcome) == 1 and group._queued == []
    recorder.release_first.set()
    first.join(5)
    assert group.submit("next") == "done next"
    assert recorder.groups == [["a"], ["next"]]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() only")
def test_a_forked_child_starts_with_no_group_running() -> None:
    recorder = Recorder()
    group: GroupCommit[str, str] = GroupCommit(recorder, **WAIT)
    first = threading.Thread(target=group.submit, args=("a",))
    first.start()
    assert recorder.first_started.wait(5)
    pid = os.fork()
    if pid == 0:  # the child: the parent's leader does not exist here
        code = 1
        try:
            recorder.release_first.set()  # only the child's copy of the event
            code = 0 if group.submit("child") == "done child" else 1
        finally:
            os._exit(code)
    deadline = time.monotonic() + 10
    status = 0
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the forked child hung on its first write")
    recorder.release_first.set()
    first.join(5)
    assert os.waitstatus_to_exitcode(status) == 0
