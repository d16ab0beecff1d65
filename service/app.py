"""``create_app(settings)``: the FastAPI application factory."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from sqlalchemy.engine import make_url

from service.auth import REDACT_ROLES, require_role
from service.edge.body_limit import BodyLimitMiddleware
from service.edge.request_context import RequestContextMiddleware
from service.heap import freeze_startup_heap
from service.http_errors import install_error_handlers
from service.observability import configure_logging
from service.openapi_errors import ERROR_RESPONSES
from service.routes import (
    audit,
    checks,
    drafts,
    drafts_stream,
    feedback,
    health,
    listing,
    prometheus,
    redact,
)
from service.routes import helpdesk as helpdesk_routes
from service.routes import hooks as hook_routes
from service.routes import zendesk_app as zendesk_app_routes
from service.runtime import Runtime
from service.settings import Settings, get_settings
from service.web.audit_view import install_audit_view
from service.web.docs import install_docs
from service.web.review import install_review

logger = logging.getLogger(__name__)


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """Build the API with its engines; pass ``runtime`` to share one (tests, CLI)."""
    configure_logging(settings.log_level)
    app = FastAPI(
        title="replydraft",
        version="0.1.0",
        summary="Drafts customer-support replies and flags what a human must check.",
        lifespan=_announce_ready,
        docs_url=None,  # served by service.web.docs from packaged assets, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.runtime = runtime or Runtime.build(settings)
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)
    for module in (drafts, checks, health, audit, prometheus, feedback):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    for router in (
        helpdesk_routes.router,
        helpdesk_routes.admin_router,
        hook_routes.router,
        zendesk_app_routes.router,
    ):
        app.include_router(router, responses=ERROR_RESPONSES)
    for module in (drafts_stream, listing):  # the review page's endpoints
        app.include_router(module.router, responses=ERROR_RESPONSES)
    # The role rule lives here until routes/redact.py declares it itself (harmless twice).
    app.include_router(
        redact.router,
        dependencies=[Depends(require_role(*REDACT_ROLES))],
        responses=ERROR_RESPONSES,
    )
    install_docs(app)
    install_review(app)
    install_audit_view(app)
    if settings.auth_disabled:
        logger.warning("auth_disabled: every request without a key acts as admin")
    return app


def serving_app(settings: Settings) -> FastAPI:
    """The app of a serving process: ``create_app``, then its start-up heap frozen.

    For a process that serves until it exits (``replydraft serve``, each worker): the engines
    it has just built are kept out of the garbage collector's full passes, which otherwise
    stall every request of the process for hundreds of milliseconds (``service.heap``).
    """
    app = create_app(settings)
    freeze_startup_heap()
    return app


def app_from_env() -> FastAPI:
    """The app from ``REPLYDRAFT_*`` settings: the factory for several worker processes.

    ``uvicorn --factory service.app:app_from_env --workers 4`` (what ``replydraft serve
    --workers 4`` runs) or gunicorn with uvicorn workers; every worker builds its own engines
    (and freezes its own start-up heap) and keeps all shared state in the database (and
    Redis, when configured).
    """
    return serving_app(get_settings())


@asynccontextmanager
async def _announce_ready(app: FastAPI) -> AsyncIterator[None]:
    """One log line when the app is ready: store, model, auth mode and process (never secrets)."""
    settings: Settings = app.state.settings
    logger.info(
        "ready",
        extra={
            "store": make_url(settings.database_url).get_backend_name(),
            "model": settings.llm_model or "offline",
            "auth": "off (keyless demo)" if settings.auth_disabled else "api keys",
            "rate_limit": settings.rate_limit or "none",
            "pid": os.getpid(),
            # Objects kept out of full collections (0: an app not built to serve, e.g. tests).
            "frozen_objects": gc.get_freeze_count(),
        },
    )
    yield
    # Writes of requests that were cancelled may still be queued: finish them before the loop
    # (and then the store) goes.
    runtime: Runtime = app.state.runtime
    await runtime.finish_writes()
