import datetime as dt
import json
import logging

import httpx
import pytest

from service.helpdesk.vendor_http import VendorError, json_value, retry_after_seconds
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


def _json_response(payload: object) -> httpx.Response:
    return httpx.Response(200, content=json.dumps(payload).encode())


def test_unstorable_characters_read_from_a_vendor_are_deleted_and_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Deleted, not replaced by U+FFFD: a replacement inside an email hid it from masking.
    payload = {"id": 7, "body": "write to a.b\x00@example.org", "tags": ["x\ud800y", "ok"]}
    with caplog.at_level(logging.INFO, logger="service.helpdesk.vendor_http"):
        data = json_value(_json_response(payload), "ticket")
    assert data == {"id": 7, "body": "write to a.b@example.org", "tags": ["xy", "ok"]}
    (record,) = [r for r in caplog.records if r.getMessage() == "helpdesk_text_cleaned"]
    assert (record.what, record.strings) == ("ticket", 2)  # type: ignore[attr-defined]
    assert "example.org" not in str(record.__dict__)


def test_clean_json_is_returned_unchanged_and_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    payload = {"body": "garbled \ufffd and C:\\u0000 stay", "n": [1, None, True]}
    with caplog.at_level(logging.INFO, logger="service.helpdesk.vendor_http"):
        assert json_value(_json_response(payload), "ticket") == payload
    assert not [r for r in caplog.records if r.getMessage() == "helpdesk_text_cleaned"]


def test_a_key_holding_one_is_refused_not_merged_with_another() -> None:
    # Rewriting keys made {"a\0": 1, "a\ud800": 2} one entry, silently losing a field.
    with pytest.raises(VendorError) as raised:
        json_value(_json_response({"a\x00": 1, "a\ud800": 2}), "ticket")
    assert not raised.value.retryable
    assert "key" in raised.value.reason and "a\x00" not in raised.value.reason
