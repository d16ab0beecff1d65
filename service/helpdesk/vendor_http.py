"""Calling a helpdesk's API: which failures are worth retrying, and how long to wait.

``retry_after_seconds`` is ``service.retry_after``'s, re-exported here for its callers.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from service.edge.storable_text import cleaned_json
from service.retry_after import retry_after_seconds

__all__ = ["VendorError", "call", "json_object", "json_value", "retry_after_seconds"]

logger = logging.getLogger(__name__)


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
    """The response's JSON with each NUL or lone surrogate deleted, or a non-retryable VendorError.

    A ticket a customer wrote with one was refused as an invalid request, so its delivery
    failed, and so did every later delivery on that ticket (each reads the whole thread), with
    no one able to correct the text. They are deleted (``cleaned_json``), not replaced: a
    replacement character inside an email, card or phone number hid it from masking. That text
    was changed is logged (``helpdesk_text_cleaned``: what was read and how many strings, never
    the text); a key holding one is refused, as rewriting keys could merge two fields.
    """
    try:
        data = response.json()
    except ValueError:
        status = response.status_code
        raise VendorError(f"{what}: the response is not JSON", status=status) from None
    try:
        cleaned, changed = cleaned_json(data)
    except ValueError:
        reason = f"{what}: a key in the response holds a NUL or an unpaired surrogate"
        raise VendorError(reason, status=response.status_code) from None
    if changed:
        logger.info("helpdesk_text_cleaned", extra={"what": what, "strings": changed})
    return cleaned


def json_object(response: httpx.Response, what: str) -> dict[str, Any]:
    """The response's JSON object, or a non-retryable VendorError."""
    data = json_value(response, what)
    if not isinstance(data, dict):
        raise VendorError(f"{what}: the response is not an object", status=response.status_code)
    return data
