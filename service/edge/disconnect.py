"""Stop work for a caller that has gone away: a model stream is closed, not left generating.

Starlette keeps running an endpoint after its client disconnects. For a draft that means the
model keeps generating (and is billed) for nobody. The draft runs as a task; beside it a
second task waits on the request's ASGI ``receive()`` for ``http.disconnect``, and the draft is
cancelled when the client has left, which closes the provider's stream. Waiting rather than
polling costs nothing while the draft runs (a poll every quarter second woke the loop about
four times per draft). A draft cancelled during the model call records and stores nothing;
one cancelled after the model answered still has its audit records and stored copy written
(``Runtime._kept``): its masked text has left the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request
from starlette.types import Receive

from service.errors import ClientDisconnectedError

T = TypeVar("T")
logger = logging.getLogger(__name__)


async def _disconnected(receive: Receive) -> None:
    """Return once ``receive`` says the client has gone.

    The endpoint has read the whole body before the draft starts, so the server's next
    message is ``http.disconnect`` (when the client leaves or the response is done); any
    other message is not a departure and is passed over.
    """
    while (await receive())["type"] != "http.disconnect":
        pass


async def cancel_on_disconnect(request: Request, work: Awaitable[T]) -> T:
    """Await ``work``; if the client disconnects first, cancel it and raise (HTTP 499)."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(request.receive))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if task.done() or watcher.cancelled() or watcher.exception() is not None:
            # Finished work wins a tie; a receive channel that failed tells nothing about the
            # client, so the work is simply awaited.
            return await task
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        logger.info("client_disconnected", extra={"cancelled": "draft"})
        raise ClientDisconnectedError("the client closed the connection; work cancelled")
    finally:
        if not task.done():
            task.cancel()
        if not watcher.done():
            watcher.cancel()
        elif not watcher.cancelled():
            watcher.exception()  # retrieved: a failed receive is not logged as unhandled
