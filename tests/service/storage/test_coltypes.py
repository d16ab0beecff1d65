"""The portable column types."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from service.storage.coltypes import UTCDateTime


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        UTCDateTime().process_bind_param(dt.datetime(2026, 1, 1), sqlite.dialect())  # noqa: DTZ001


def test_values_are_stored_as_utc() -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    value = dt.datetime(2026, 1, 1, 9, 0, tzinfo=tokyo)
    on_sqlite = UTCDateTime().process_bind_param(value, sqlite.dialect())
    on_pg = UTCDateTime().process_bind_param(value, postgresql.dialect())
    assert on_sqlite == dt.datetime(2026, 1, 1, 0, 0)  # noqa: DTZ001
    assert on_pg == dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)
    assert UTCDateTime().process_result_value(on_sqlite, sqlite.dialect()) == on_pg
