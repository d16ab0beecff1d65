"""``replydraft worker`` freezes its start-up heap once its engines are built and warmed up,
as a serving process does; workers built by tests (many per process) never do.

The workers run in burst mode against the local Redis, on a queue of their own.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from arq.worker import Worker

import service.jobs.worker
import service.runtime
from service.jobs.worker import build_worker, run_worker
from service.settings import Settings
from tests.service.helpdesk.conftest import helpdesk_settings


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The order in which the worker's start-up warmed its engines up and froze its heap."""
    recorded: list[str] = []
    warm_up = service.runtime._warm_up

    def warmed_up(resources: Any) -> None:
        warm_up(resources)
        recorded.append("warmed up")

    def freeze() -> int:
        recorded.append("frozen")  # not this (test) process's heap: recorded instead
        return 1

    monkeypatch.setattr(service.runtime, "_warm_up", warmed_up)
    # raising=False: a worker module without the freeze records nothing (and the test fails).
    monkeypatch.setattr(service.jobs.worker, "freeze_startup_heap", freeze, raising=False)
    return recorded


@pytest.fixture
def worker_settings(tmp_path: Path) -> Settings:
    return helpdesk_settings(tmp_path, f"sqlite:///{tmp_path / 'replydraft.db'}")


class _BurstWorker(Worker):
    """The worker ``run_worker`` builds, stopping once its (empty) queue is drained."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "burst": True, "handle_signals": False})


def test_the_worker_command_freezes_its_heap_after_the_warm_up(
    steps: list[str], worker_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service.jobs.worker, "Worker", _BurstWorker)
    run_worker(worker_settings)
    # Once, after the engines (and their warm-up) exist: never before.
    assert steps == ["warmed up", "frozen"]


async def test_a_worker_built_for_tests_does_not_freeze(
    steps: list[str], worker_settings: Settings
) -> None:
    worker = build_worker(worker_settings, burst=True, handle_signals=False)
    try:
        await worker.async_run()
    finally:
        await worker.close()
    assert steps == ["warmed up"]
    assert gc.get_freeze_count() == 0
