"""``POST /v1/drafts`` and ``GET /v1/drafts/{id}``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep
from service.edge.disconnect import cancel_on_disconnect
from service.models import DraftReport, DraftRequest

router = APIRouter(
    prefix="/v1", tags=["drafts"], dependencies=[Depends(require_role(*DRAFTING_ROLES))]
)


@router.post("/drafts", response_model=DraftReport)
async def create_draft(
    request: DraftRequest, runtime: RuntimeDep, caller: CallerDep, http: Request
) -> DraftReport:
    """Draft a reply to the thread and return it with its guardrail report.

    The report returned here is in the clear (the agent needs it); the stored copy is masked.
    A caller that disconnects cancels the draft, which closes the model's stream.
    """
    work = runtime.draft(request, tenant=caller.tenant, scope=caller.tenant_scope)
    return await cancel_on_disconnect(http, work)


@router.get("/drafts/{draft_id}", response_model=DraftReport)
async def get_draft(draft_id: str, runtime: RuntimeDep, caller: CallerDep) -> DraftReport:
    """A stored report, personal data masked (404 when unknown, expired, or another tenant's)."""
    return await run_in_threadpool(
        lambda: runtime.store.get_draft(draft_id, tenant=caller.tenant_scope)
    )
