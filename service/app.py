"""``create_app(settings)``: the FastAPI application factory."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse

from service.auth import REDACT_ROLES, require_role
from service.http_errors import error_body, install_error_handlers
from service.observability import configure_logging, request_id_var
from service.routes import audit, checks, drafts, health, redact
from service.routes import helpdesk as helpdesk_routes
from service.routes import hooks as hook_routes
from service.routes import zendesk_app as zendesk_app_routes
from service.runtime import Runtime
from service.settings import Settings

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 2_000_000
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """Build the API with its engines; pass ``runtime`` to share one (tests, CLI)."""
    configure_logging(settings.log_level)
    app = FastAPI(
        title="replydraft",
        version="0.1.0",
        summary="Drafts customer-support replies and flags what a human must check.",
    )
    app.state.settings = settings
    app.state.runtime = runtime or Runtime.build(settings)
    install_error_handlers(app)
    app.middleware("http")(_request_context)
    for module in (drafts, checks, health, audit):
        app.include_router(module.router)
    app.include_router(helpdesk_routes.router)
    app.include_router(helpdesk_routes.admin_router)
    app.include_router(hook_routes.router)
    app.include_router(zendesk_app_routes.router)
    # The role rule lives here until routes/redact.py declares it itself (harmless twice).
    app.include_router(redact.router, dependencies=[Depends(require_role(*REDACT_ROLES))])
    if settings.auth_disabled:
        logger.warning("auth_disabled: every request without a key acts as admin")
    return app


async def _request_context(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Tag the request with an id (echoed back) and refuse oversized bodies early."""
    incoming = request.headers.get("x-request-id", "")
    request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    token = request_id_var.set(request_id)
    try:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            response: Response = JSONResponse(
                error_body("payload_too_large", f"Bodies are limited to {MAX_BODY_BYTES} bytes."),
                status_code=413,
            )
        else:
            response = await call_next(request)
    finally:
        request_id_var.reset(token)
    response.headers["x-request-id"] = request_id
    return response
