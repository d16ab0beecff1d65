"""``POST /v1/hooks/{helpdesk}``: the helpdesk says a customer wrote; we queue a draft.

No API key here: the vendor's signature is the authentication. The receiver only checks,
records and queues (fast); drafting and delivery run on the workers (``replydraft worker``).
"""

from __future__ import annotations

import logging
from functools import partial

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from service.errors import AuthenticationError
from service.helpdesk.context import HelpdeskStores
from service.helpdesk.integrations import Vendor
from service.helpdesk.webhooks import EVENT_PARSERS, VERIFIERS
from service.jobs.queue import JobQueue

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/hooks", tags=["helpdesk"])


def helpdesk_stores(request: Request) -> HelpdeskStores:
    """The app's helpdesk stores, built on first use."""
    state = request.app.state
    stores: HelpdeskStores | None = getattr(state, "helpdesk_stores", None)
    if stores is None:
        stores = HelpdeskStores.build(state.settings, state.runtime.store.engine)
        state.helpdesk_stores = stores
    return stores


@router.post("/{vendor}", status_code=202)
async def receive_webhook(vendor: Vendor, request: Request) -> JSONResponse:
    """Verify, de-duplicate and queue one webhook event (202 queued, 200 duplicate/ignored)."""
    body = await request.body()
    stores = helpdesk_stores(request)
    integration = await run_in_threadpool(stores.integrations.get, vendor)
    secret = integration.signing_secret.get_secret_value()
    if not VERIFIERS[vendor](request.headers, body, secret):
        # Never the body or the headers' values: they carry ticket text and signatures.
        logger.warning(
            "webhook_rejected", extra={"vendor": vendor, "reason": "signature", "bytes": len(body)}
        )
        raise AuthenticationError(f"the {vendor} webhook signature is not valid")
    challenge = request.headers.get("x-front-challenge")
    if vendor == "front" and challenge:
        return JSONResponse({"challenge": challenge}, status_code=200)  # Front's URL validation
    event = EVENT_PARSERS[vendor](request.headers, body)
    if not event.relevant:
        return JSONResponse({"status": "ignored"}, status_code=200)
    delivery, new = await run_in_threadpool(
        partial(
            stores.deliveries.open,
            vendor,
            event.event_key,
            event.ticket_id,
            tenant=request.app.state.settings.helpdesk_tenant,
        )
    )
    if new or delivery.status == "queued":
        # A repeat of a still-queued event re-enqueues: a no-op in arq if the job exists, and
        # the recovery if the first enqueue failed.
        await JobQueue(request.app.state.settings).enqueue_delivery(delivery.id)
    status = "queued" if new else "duplicate"
    return JSONResponse(
        {"status": status, "delivery_id": delivery.id}, status_code=202 if new else 200
    )
