"""``POST /v1/redact``: the PII detector on the caller's own text."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from service.deps import RuntimeDep
from service.models.redact import RedactRequest, RedactResult
from service.pipeline.pii import redact_text

router = APIRouter(prefix="/v1", tags=["redact"])


@router.post("/redact", response_model=RedactResult)
async def redact(request: RedactRequest, runtime: RuntimeDep) -> RedactResult:
    """Detect and mask personal data in ``text`` (English or Japanese)."""
    return await run_in_threadpool(redact_text, runtime.resources.pii, request)
