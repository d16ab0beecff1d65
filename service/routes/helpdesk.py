"""``POST /v1/drafts/from/{helpdesk}``: a helpdesk's own ticket payload in, a draft out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep
from service.helpdesk.sources import Source, request_from_bytes
from service.models import DraftReport

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
    return await runtime.draft(draft_request, tenant=caller.tenant)
