"""Calling a helpdesk's API: which failures are worth retrying, and how long to wait."""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import Any

import httpx

from service.edge.storable_text import storable_json


class VendorError(Exception):
    """A helpdesk API call failed. ``retryable``: 429, 5xx, 408 or a network error."""

    def __init__(
        self, reason: str, *, status: int | None = None, retry_after_s: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason  # a fixed phrase: never the vendor's response text
        self.status = status
        self.retry_after_s = retry_after_s

    @property
    def retryable(self) -> bool:
        """Whether waiting and trying again can help."""
        return self.status is None or self.status in (408, 429) or self.status >= 500


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP-date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


async def call(client: httpx.AsyncClient, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One API call; a non-2xx answer or a transport failure is a ``VendorError``."""
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.TimeoutException:
        raise VendorError("timeout") from None
    except httpx.TransportError as exc:
        raise VendorError(f"network error ({type(exc).__name__})") from None
    if response.is_success:
        return response
    raise VendorError(
        f"HTTP {response.status_code} from {method} {httpx.URL(url).path}",
        status=response.status_code,
        retry_after_s=retry_after_seconds(response.headers.get("retry-after")),
    )


def json_value(response: httpx.Response, what: str) -> Any:
    """The response's JSON, or a non-retryable VendorError.

    Every NUL or lone surrogate in its strings becomes U+FFFD (``storable_json``): a ticket a
    customer wrote with one was refused as an invalid request, so its delivery failed, and so
    did every later delivery on that ticket (each reads the whole thread), with no one able
    to correct the text.
    """
    try:
        data = response.json()
    except ValueError:
        status = response.status_code
        raise VendorError(f"{what}: the response is not JSON", status=status) from None
    return storable_json(data)


def json_object(response: httpx.Response, what: str) -> dict[str, Any]:
    """The response's JSON object, or a non-retryable VendorError."""
    data = json_value(response, what)
    if not isinstance(data, dict):
        raise VendorError(f"{what}: the response is not an object", status=response.status_code)
    return data
