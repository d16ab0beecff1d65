"""Stop work for a caller that has gone away: a model stream is closed, not left generating.

Starlette keeps running an endpoint after its client disconnects. For a draft that means the
model keeps generating (and is billed) for nobody. The draft runs as a task; while it runs
the request is polled for ``http.disconnect``, and the task is cancelled when the client has
left, which closes the provider's stream. Nothing is recorded or stored for a cancelled draft:
the audit append and the store write come after the model call.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request

from service.errors import ClientDisconnectedError

T = TypeVar("T")
POLL_S = 0.25
logger = logging.getLogger(__name__)


async def cancel_on_disconnect(
    request: Request, work: Awaitable[T], *, poll_s: float = POLL_S
) -> T:
    """Await ``work``; if the client disconnects first, cancel it and raise (HTTP 499)."""
    task = asyncio.ensure_future(work)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=poll_s)
            if done:
                return task.result()
            if await request.is_disconnected():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
                logger.info("client_disconnected", extra={"cancelled": "draft"})
                raise ClientDisconnectedError("the client closed the connection; work cancelled")
    finally:
        if not task.done():
            task.cancel()
