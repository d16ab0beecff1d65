"""Who is calling: API key authentication and role checks as FastAPI dependencies.

A key comes in ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. ``admin`` passes every
role check. In keyless demo mode (``auth_disabled``, loopback only) a request without a key acts
as ``admin`` with tenant ``local-demo``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from service.deps import RuntimeDep, SettingsDep
from service.edge.storable_params import refuse_unstorable_params
from service.errors import AuthenticationError, PermissionDeniedError
from service.storage.keys import KeyStore, Role

DEMO_TENANT = "local-demo"

# Which roles may use what; admin is implied everywhere.
DRAFTING_ROLES: tuple[Role, ...] = ("agent", "engineer")
REDACT_ROLES: tuple[Role, ...] = ("engineer", "auditor")
AUDIT_ROLES: tuple[Role, ...] = ("auditor",)


@dataclass(frozen=True)
class Caller:
    """The authenticated caller of a request."""

    key_id: str
    role: Role
    tenant: str

    @property
    def tenant_scope(self) -> str | None:
        """The tenant whose data this caller may read; None for an admin, who may cross."""
        return None if self.role == "admin" else self.tenant


def presented_key(request: Request) -> str | None:
    """The key from ``Authorization: Bearer`` or ``X-API-Key``, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    api_key = request.headers.get("x-api-key", "").strip()
    return api_key or None


async def get_caller(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Caller:
    """Authenticate the request; AuthenticationError (401) without a live key.

    A revoked key is refused at once by the worker that revoked it, and by the others within
    ``key_cache_s`` (see ``VerifiedKeys``).
    """
    raw = presented_key(request)
    if raw is None:
        if settings.auth_disabled:
            return Caller(key_id=DEMO_TENANT, role="admin", tenant=DEMO_TENANT)
        raise AuthenticationError("an API key is required (Authorization: Bearer <key>)")
    keys = KeyStore(runtime.store.engine)
    # A key verified within ``key_cache_s`` is answered from memory, on the loop: no database
    # lookup and no thread hand-off on most requests of a busy key.
    key = keys.remembered(raw) if settings.key_cache_s > 0 else None
    if key is None:
        key = await run_in_threadpool(keys.authenticate, raw, remember_s=settings.key_cache_s)
    if key is None:
        # Same answer for malformed, unknown and revoked keys; the key is never echoed.
        raise AuthenticationError("the API key is not valid")
    if runtime.rate_limiter is not None:
        await run_in_threadpool(runtime.rate_limiter.check, key.id)
    return Caller(key_id=key.id, role=key.role, tenant=key.tenant)


CallerDep = Annotated[Caller, Depends(get_caller)]


def require_role(*roles: Role) -> Callable[[Request, Caller], Awaitable[Caller]]:
    """A dependency admitting callers with one of ``roles`` (or admin); 403 otherwise.

    Then, for an admitted caller only, the route's path and query parameters are checked
    for text the stores cannot keep (a 422, ``service.edge.storable_params``): 401 and 403
    come first, as for any other request.
    """
    allowed = frozenset(roles) | {"admin"}

    async def check_role(request: Request, caller: CallerDep) -> Caller:
        if caller.role not in allowed:
            raise PermissionDeniedError(f"the {caller.role} role may not use this endpoint")
        refuse_unstorable_params(request)
        return caller

    return check_role
