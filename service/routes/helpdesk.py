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
from service.storage.helpdesk import delivery_visible_to

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
    its retention, another tenant's) is the 404 of ``GET /v1/drafts/{id}``. Only deliveries
    of the caller's tenant are listed (each keeps the helpdesk tenant it came in for, the
    tenant its draft was made for).
    """
    await run_in_threadpool(lambda: runtime.store.get_draft(draft_id, tenant=caller.tenant_scope))
    found = await run_in_threadpool(helpdesk_stores(request).deliveries.for_draft, draft_id)
    helpdesk_tenant = runtime.settings.helpdesk_tenant
    visible = [d for d in found if delivery_visible_to(d, caller.tenant_scope, helpdesk_tenant)]
    return {"draft_id": draft_id, "deliveries": [d.public() for d in visible]}


@router.get("/deliveries/{delivery_id}")
async def get_delivery(
    delivery_id: str, request: Request, runtime: RuntimeDep, caller: CallerDep
) -> dict[str, Any]:
    """One webhook event's delivery: status, attempts, the draft id once drafted.

    404 for a key of a tenant other than the one the delivery came in for (the helpdesk
    tenant then), as for an unknown delivery.
    """
    delivery = await run_in_threadpool(helpdesk_stores(request).deliveries.get, delivery_id)
    if not delivery_visible_to(delivery, caller.tenant_scope, runtime.settings.helpdesk_tenant):
        raise NotFoundError("delivery not found")
    return delivery.public()
