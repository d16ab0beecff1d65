"""Per-stage wall-clock timings for the report."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageTimer:
    """Accumulates milliseconds per named stage, plus the total since construction."""

    def __init__(self) -> None:
        self._start = time.perf_counter()
        self.stages: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the enclosed block under ``name`` (times add up if a stage repeats)."""
        began = time.perf_counter()
        try:
            yield
        finally:
            elapsed = (time.perf_counter() - began) * 1000
            self.stages[name] = round(self.stages.get(name, 0.0) + elapsed, 3)

    def report(self) -> dict[str, float]:
        """The stage timings with ``total`` added."""
        total = round((time.perf_counter() - self._start) * 1000, 3)
        return {**self.stages, "total": total}
