"""``GET /healthz`` (the process is up) and ``GET /readyz`` (it can serve: database reachable)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from service.backends.select import OFFLINE, shared_breaker
from service.deps import RuntimeDep
from service.settings import Settings

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
    breakers = await run_in_threadpool(_breaker_states, runtime.settings)
    return JSONResponse(
        {
            "status": "ok" if database_ok else "unavailable",
            "database": database_ok,
            "breakers": breakers,
        },
        status_code=status,
    )


def _breaker_states(settings: Settings) -> dict[str, str]:
    """Closed / open / half_open for the configured model and each fallback model."""
    models = [m for m in [settings.llm_model, *settings.llm_fallback_models] if m]
    models = [m for m in models if m != OFFLINE]
    if not models:
        return {}
    breaker = shared_breaker(
        settings.redis_url, settings.llm_breaker_threshold, settings.llm_breaker_cooldown_s
    )
    return {model: breaker.state(model) for model in dict.fromkeys(models)}
