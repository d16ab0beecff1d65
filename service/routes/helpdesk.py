"""Helpdesk endpoints: ticket payloads in, integration settings (admin), delivery records.

``POST /v1/drafts/from/{helpdesk}`` maps a helpdesk's own ticket payload and drafts it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep
from service.errors import InvalidRequestError, NotFoundError
from service.helpdesk.integrations import IntegrationSettings, IntegrationView, Vendor
from service.helpdesk.sources import Source, request_from_bytes
from service.models import DraftReport
from service.routes.hooks import helpdesk_stores
from service.storage.helpdesk import deliveries_visible_to

router = APIRouter(
    prefix="/v1", tags=["helpdesk"], dependencies=[Depends(require_role(*DRAFTING_ROLES))]
)


@router.post(
    "/drafts/from/{source}",
    response_model=DraftReport,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "message/rfc822": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def create_draft_from_helpdesk(
    source: Source, request: Request, runtime: RuntimeDep, caller: CallerDep
) -> DraftReport:
    """Map the helpdesk's ticket (or a raw email) to a DraftRequest, then draft as /v1/drafts.

    A payload that cannot be mapped is a 4xx naming the field, and nothing is stored.
    """
    draft_request = await run_in_threadpool(request_from_bytes, source, await request.body())
    return await runtime.draft(draft_request, tenant=caller.tenant, scope=caller.tenant_scope)


admin_router = APIRouter(prefix="/v1", tags=["helpdesk"], dependencies=[Depends(require_role())])


@admin_router.put("/integrations/{vendor}", response_model=IntegrationView)
async def put_integration(
    vendor: Vendor, settings: IntegrationSettings, request: Request
) -> IntegrationView:
    """Store a helpdesk integration (admin); the answer never contains a secret."""
    try:
        settings.check_credentials(vendor)
    except ValueError as exc:
        raise InvalidRequestError(str(exc)) from None
    return await run_in_threadpool(helpdesk_stores(request).integrations.put, vendor, settings)


@admin_router.get("/integrations", response_model=list[IntegrationView])
async def list_integrations(request: Request) -> list[IntegrationView]:
    """Every configured integration, without secrets (admin)."""
    return await run_in_threadpool(helpdesk_stores(request).integrations.list)


@admin_router.delete("/integrations/{vendor}", status_code=204)
async def delete_integration(vendor: Vendor, request: Request) -> None:
    """Remove an integration (admin): its webhooks are refused from now on."""
    await run_in_threadpool(helpdesk_stores(request).integrations.remove, vendor)


@router.get("/drafts/{draft_id}/deliveries")
async def draft_deliveries(
    draft_id: str, request: Request, runtime: RuntimeDep, caller: CallerDep
) -> dict[str, Any]:
    """Where a draft was delivered in the helpdesk: status and attempts of each delivery.

    The draft is checked first, for every caller: one the caller cannot read (unknown, past
    its retention, another tenant's) is the 404 of ``GET /v1/drafts/{id}``, even when its
    deliveries are the caller's (``helpdesk_tenant`` changed since it was drafted; each
    delivery stays readable at ``/v1/deliveries/{id}``). Deliveries are the helpdesk
    tenant's: any other tenant's key lists none under its own drafts.
    """
    await run_in_threadpool(lambda: runtime.store.get_draft(draft_id, tenant=caller.tenant_scope))
    found = []
    if deliveries_visible_to(caller.tenant_scope, runtime.settings.helpdesk_tenant):
        found = await run_in_threadpool(helpdesk_stores(request).deliveries.for_draft, draft_id)
    return {"draft_id": draft_id, "deliveries": [d.public() for d in found]}


@router.get("/deliveries/{delivery_id}")
async def get_delivery(
    delivery_id: str, request: Request, runtime: RuntimeDep, caller: CallerDep
) -> dict[str, Any]:
    """One webhook event's delivery: status, attempts, the draft id once drafted.

    404 for a key of a tenant other than the helpdesk tenant's, as for an unknown delivery.
    """
    if not deliveries_visible_to(caller.tenant_scope, runtime.settings.helpdesk_tenant):
        raise NotFoundError("delivery not found")
    delivery = await run_in_threadpool(helpdesk_stores(request).deliveries.get, delivery_id)
    return delivery.public()
