"""``GET /metrics``: Prometheus text format (no personal data; see ``service.metrics``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from service.backends.breaker_report import breaker_states
from service.deps import RuntimeDep
from service.metrics import CONTENT_TYPE, exposition, observe_breakers

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
async def metrics(runtime: RuntimeDep) -> Response:
    """Counters and histograms of this process, and the models' breakers, for a scraper."""
    observe_breakers(await run_in_threadpool(breaker_states, runtime.settings))
    return Response(exposition(), media_type=CONTENT_TYPE)
