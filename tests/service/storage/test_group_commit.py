"""GroupCommit: writes queued behind a commit share the next one; a faulty write fails alone."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest

from service.storage.group_commit import GroupCommit, WriteFailedError


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
    group: GroupCommit[str, str] = GroupCommit(recorder)
    assert group.submit("a") == "done a"
    assert group.submit("b") == "done b"
    assert recorder.groups == [["a"], ["b"]]


def test_writes_queued_behind_a_commit_share_the_next_one() -> None:
    recorder = Recorder()
    group: GroupCommit[str, str] = GroupCommit(recorder)
    names = ["a", "b", "c", "d", "e"]
    outcomes = _submit_all(group, recorder, names)
    assert outcomes == {n: f"done {n}" for n in names}
    assert recorder.groups[0] == ["a"]
    assert sorted(recorder.groups[1]) == ["b", "c", "d", "e"]
    assert len(recorder.groups) == 2


def test_a_faulty_write_fails_alone_and_the_others_commit() -> None:
    recorder = Recorder(fail_write="c")
    group: GroupCommit[str, str] = GroupCommit(recorder)
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
    group: GroupCommit[str, str] = GroupCommit(recorder)
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

    group: GroupCommit[str, str] = GroupCommit(commit)
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

    group = GroupCommit(commit)
    assert group.submit("outer") == "outer"
    assert group.submit("after") == "after"
