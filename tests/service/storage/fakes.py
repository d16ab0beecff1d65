"""Test doubles for storage tests."""

from __future__ import annotations

import datetime as dt

T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


class FakeClock:
    """A settable clock for the store, so expiry is tested without sleeping."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)
