"""``GET /metrics``: Prometheus text format (no personal data; see ``service.metrics``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from service.metrics import CONTENT_TYPE, exposition

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
async def metrics() -> Response:
    """Counters and histograms of this process for a Prometheus scraper."""
    return Response(exposition(), media_type=CONTENT_TYPE)
