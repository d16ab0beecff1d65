"""``POST /v1/checks``: the guardrails on a human-written or edited draft."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep
from service.models import DraftReport, DraftRequest

router = APIRouter(
    prefix="/v1", tags=["checks"], dependencies=[Depends(require_role(*DRAFTING_ROLES))]
)


@router.post("/checks", response_model=DraftReport)
async def check_draft(request: DraftRequest, runtime: RuntimeDep, caller: CallerDep) -> DraftReport:
    """Run every guardrail on ``request.draft`` and return the report."""
    return await runtime.check(request, tenant=caller.tenant, scope=caller.tenant_scope)
