"""replydraft's own exceptions; ``service.app`` maps each to one HTTP status, once."""

from __future__ import annotations

from typing import Any


class ReplydraftError(Exception):
    """Base of every error replydraft raises on purpose. Messages never carry raw PII."""

    code = "internal_error"
    status_code = 500

    def __init__(self, message: str, *, details: list[Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the error's response carries (e.g. ``Retry-After``)."""
        return {}


class InvalidRequestError(ReplydraftError):
    """The caller sent something we cannot draft from (HTTP 422, CLI exit 2)."""

    code = "invalid_request"
    status_code = 422


class ModelNotAllowedError(InvalidRequestError):
    """A request ``model`` outside the operator's allow-list (HTTP 422 ``model_not_allowed``)."""

    code = "model_not_allowed"


class NotFoundError(ReplydraftError):
    """A draft, voice or knowledge base id that is not stored (HTTP 404)."""

    code = "not_found"
    status_code = 404


class AuthenticationError(ReplydraftError):
    """No API key, or one that is unknown or revoked (HTTP 401)."""

    code = "unauthorized"
    status_code = 401


class PermissionDeniedError(ReplydraftError):
    """A valid API key whose role may not use this endpoint (HTTP 403)."""

    code = "forbidden"
    status_code = 403


class RateLimitedError(ReplydraftError):
    """A key past its rate limit (HTTP 429 with ``Retry-After``)."""

    code = "rate_limited"
    status_code = 429

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message, details=[{"retry_after_s": retry_after_s}])
        self.retry_after_s = retry_after_s

    @property
    def headers(self) -> dict[str, str]:
        """``Retry-After`` in whole seconds, as RFC 9110 asks."""
        return {"Retry-After": str(self.retry_after_s)}


class ClientDisconnectedError(ReplydraftError):
    """The caller went away before the answer was ready (499; nobody reads it, but logs do)."""

    code = "client_closed_request"
    status_code = 499


class LLMUnavailableError(ReplydraftError):
    """Every configured model failed; the pipeline falls back to offline (never seen by clients)."""

    code = "llm_unavailable"
    status_code = 503


class LLMRequestError(ReplydraftError):
    """A provider refused the request (4xx): not retried, falls back to offline."""

    code = "llm_request_rejected"
    status_code = 502


class StorageUnavailableError(ReplydraftError):
    """The database cannot be reached or written (HTTP 503)."""

    code = "storage_unavailable"
    status_code = 503


class ConfigurationError(ReplydraftError):
    """Settings that cannot work together (startup failure, CLI exit 2)."""

    code = "configuration_error"
    status_code = 500
