"""Map replydraft's exceptions (and framework errors) to the contract's error shape, once."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.errors import ReplydraftError

logger = logging.getLogger(__name__)


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    """The contract's error object."""
    return {"error": {"code": code, "message": message, "details": details or []}}


def validation_details(errors: Any) -> list[dict[str, Any]]:
    """Pydantic errors without ``input``/``ctx``: those can echo customer data back."""
    return [
        {
            "loc": [str(part) for part in e.get("loc", ())],
            "msg": e.get("msg"),
            "type": e.get("type"),
        }
        for e in errors
    ]


async def _replydraft_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ReplydraftError)
    if exc.status_code >= 500:
        logger.error("request_failed", extra={"code": exc.code})
    return JSONResponse(
        error_body(exc.code, exc.message, exc.details),
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = validation_details(exc.errors())
    if any(d["type"] == "json_invalid" for d in details):
        return JSONResponse(
            error_body("invalid_json", "The request body is not valid JSON.", details), 400
        )
    return JSONResponse(
        error_body("invalid_request", "The request does not match the contract.", details), 422
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(
        exc.status_code, "http_error"
    )
    return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Type only: a message could quote request content; no stack trace goes to the client.
    logger.error("unexpected_error", extra={"exc_type": type(exc).__name__})
    return JSONResponse(error_body("internal_error", "Something went wrong on our side."), 500)


def install_error_handlers(app: FastAPI) -> None:
    """Register every mapping on ``app``."""
    app.add_exception_handler(ReplydraftError, _replydraft_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
