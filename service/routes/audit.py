"""``/v1/audit/*``: the redaction audit log for auditors (auditor and admin keys only)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from service.auth import AUDIT_ROLES, Caller, CallerDep, require_role
from service.deps import RuntimeDep
from service.routes.time_range import as_utc
from service.runtime import Runtime
from service.storage.audit import MAX_PAGE
from service.storage.audit_models import AuditPage, Direction, VerifyResult
from service.storage.keys import KeyStore

router = APIRouter(
    prefix="/v1/audit", tags=["audit"], dependencies=[Depends(require_role(*AUDIT_ROLES))]
)

_MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


def _visible_tenants(runtime: Runtime, caller: Caller) -> list[str] | None:
    """The tenant names an auditor's records may carry; None for an admin (every tenant).

    Records written before tenants existed carry the id of the key that made them, so the
    ids of the tenant's keys count as the tenant too.
    """
    if caller.tenant_scope is None:
        return None
    return [caller.tenant_scope, *KeyStore(runtime.store.engine).key_ids_of(caller.tenant_scope)]


@router.get("/redactions", response_model=AuditPage)
async def list_redactions(
    runtime: RuntimeDep,
    caller: CallerDep,
    start: Annotated[dt.datetime | None, Query(alias="from")] = None,
    end: Annotated[dt.datetime | None, Query(alias="to")] = None,
    entity_type: str | None = None,
    direction: Direction | None = None,
    draft_id: str | None = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    destination: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    cursor: str | None = None,
) -> AuditPage:
    """The caller's tenant's audit records matching the filters, paginated.

    ``from`` is inclusive, ``to`` exclusive; ``source`` and ``destination`` match exactly
    (``destination=none``: records of text that never left the process). An admin sees every
    tenant's records.
    """
    tenants = await run_in_threadpool(_visible_tenants, runtime, caller)
    return await run_in_threadpool(
        runtime.audit.query,
        tenants=tenants,
        start=as_utc(start),
        end=as_utc(end),
        entity_type=entity_type,
        direction=direction,
        draft_id=draft_id,
        source=source,
        destination=destination,
        limit=limit,
        cursor=cursor,
    )


@router.get("/verify", response_model=VerifyResult)
async def verify_chain(runtime: RuntimeDep, caller: CallerDep) -> VerifyResult:
    """Walk the chain; ``ok`` false names the first bad or missing record.

    A tenant's auditor learns whether the whole chain verifies, the count and last record of
    their tenant's records (``scope: tenant``), and where and why it breaks unless that is in
    a record stored as another tenant's. An admin sees the whole chain's.
    """
    tenants = await run_in_threadpool(_visible_tenants, runtime, caller)
    return await run_in_threadpool(partial(runtime.audit.verify, tenants=tenants))


@router.get("/export")
async def export_log(
    runtime: RuntimeDep, caller: CallerDep, format: Literal["jsonl", "csv"] = "jsonl"
) -> StreamingResponse:
    """The caller's tenant's log (every tenant's for an admin) as JSONL or CSV, streamed."""
    tenants = await run_in_threadpool(_visible_tenants, runtime, caller)
    return StreamingResponse(
        runtime.audit.iter_export(format, tenants=tenants),
        media_type=_MEDIA_TYPES[format],
        headers={"content-disposition": f'attachment; filename="replydraft-audit.{format}"'},
    )
