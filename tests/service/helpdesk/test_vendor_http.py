import datetime as dt

import pytest

from service.helpdesk.vendor_http import VendorError, retry_after_seconds
from service.jobs.delivery import backoff_s
from service.settings import Settings


def test_retry_after_seconds_and_http_date() -> None:
    now = dt.datetime(2026, 11, 29, 10, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Sun, 29 Nov 2026 10:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Sun, 29 Nov 2026 09:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (None, True),
        (429, True),
        (500, True),
        (503, True),
        (408, True),
        (400, False),
        (401, False),
        (404, False),
        (422, False),
    ],
)
def test_which_failures_are_retried(status: int | None, retryable: bool) -> None:
    assert VendorError("x", status=status).retryable is retryable


def test_backoff_doubles_capped_and_prefers_retry_after() -> None:
    settings = Settings(helpdesk_backoff_s=2.0, helpdesk_backoff_max_s=10.0)
    assert [backoff_s(settings, n, None) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 10.0]
    assert backoff_s(settings, 1, 5.0) == 5.0
    assert backoff_s(settings, 1, 999.0) == 10.0
