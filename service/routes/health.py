"""``GET /healthz`` (the process is up) and ``GET /readyz`` (it can serve: database reachable)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from service.backends.breaker_report import breaker_states
from service.deps import RuntimeDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: always ok while the process serves requests."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    """Readiness: 200 when the database answers, 503 otherwise; model breakers' states.

    An open breaker does not make the service unready: drafts still come, from the fallback.
    """
    database_ok = await run_in_threadpool(runtime.store.ping)
    status = 200 if database_ok else 503
    breakers = await run_in_threadpool(breaker_states, runtime.settings)
    return JSONResponse(
        {
            "status": "ok" if database_ok else "unavailable",
            "database": database_ok,
            "breakers": breakers,
        },
        status_code=status,
    )
