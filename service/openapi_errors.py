"""The error answers every route can give, documented once in the OpenAPI schema.

FastAPI documents only its own 422 shape by default; the service answers every error in the
contract's ``{"error": {...}}`` shape (``service.http_errors``), so the schema says so.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorDetail(BaseModel):
    """The contract's error object."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="Machine-readable, e.g. invalid_request, payload_too_large.")
    message: str = Field(description="One sentence for a person; never personal data.")
    details: list[Any] = Field(
        default_factory=list, description="Where and what: e.g. the field's location."
    )


class ErrorResponse(BaseModel):
    """Every 4xx/5xx body."""

    model_config = ConfigDict(extra="forbid")

    error: ErrorDetail


def _described(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _described("The body is not valid JSON (invalid_json)."),
    401: _described("No API key, or one that is unknown or revoked (unauthorized)."),
    403: _described("The key's role may not use this endpoint (forbidden)."),
    404: _described("Unknown, expired, or another tenant's resource (not_found)."),
    413: _described("The body is over the size limit, however it was sent (payload_too_large)."),
    422: _described(
        "The request does not match the contract (invalid_request), or names a model the "
        "operator does not allow (model_not_allowed)."
    ),
    429: _described("The key is past its rate limit (rate_limited); see Retry-After."),
    503: _described("The database or audit log is unavailable (storage_unavailable)."),
}
