"""``freeze_startup_heap``: start-up garbage collected, the rest kept out of collections."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.heap import freeze_startup_heap


class _Node:
    """A container the cyclic collector tracks (and can point at itself)."""

    def __init__(self) -> None:
        self.other: object = None


@pytest.fixture
def thawed() -> Iterator[None]:
    """Whatever a test freezes goes back to the collector's generations afterwards."""
    assert gc.get_freeze_count() == 0
    try:
        yield
    finally:
        gc.unfreeze()


def _tracked(thing: object) -> bool:
    # Frozen objects are in the permanent generation, which ``gc.get_objects`` leaves out.
    return any(o is thing for o in gc.get_objects())


@pytest.mark.usefixtures("thawed")
def test_live_objects_are_frozen_and_new_ones_still_collected() -> None:
    kept = _Node()
    garbage = _Node()
    garbage.other = garbage  # a cycle: only the cyclic collector frees it
    gone = weakref.ref(garbage)
    del garbage
    frozen = freeze_startup_heap()
    assert gone() is None  # start-up garbage was collected first, not frozen
    # Other threads left by earlier tests may free a frozen object meanwhile (the count then
    # drops by a few, seen under load), so the count may shrink but never grow past `frozen`.
    assert 0 < gc.get_freeze_count() <= frozen
    assert not _tracked(kept)
    later = _Node()
    assert _tracked(later)
    later.other = later
    gone_later = weakref.ref(later)
    del later
    gc.collect()
    assert gone_later() is None


def test_a_serving_process_freezes_its_engines_once_built(tmp_path: Path) -> None:
    # In a fresh interpreter, as a worker: the factory builds the app, then freezes.
    code = (
        "import gc; from service.app import app_from_env; app = app_from_env(); "
        "runtime = app.state.runtime; "
        "print(gc.get_freeze_count(), any(o is runtime for o in gc.get_objects()))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("REPLYDRAFT_")},
        "REPLYDRAFT_DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
        "REPLYDRAFT_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    count, runtime_tracked = done.stdout.split()
    # The runtime and its engines (hundreds of thousands of objects) are frozen.
    assert int(count) > 100_000 and runtime_tracked == "False"
