"""``POST /v1/drafts/stream``: ``/v1/drafts`` as server-sent events, sent while the model writes.

Events, in order:

- ``delta`` (``{"text": "..."}``): the next piece of the draft as the agent will see it
  (the customer's own data restored, exactly as the report's ``body``), sent as the model's
  tokens arrive; the offline drafter's text is sent in small pieces too;
- ``restart`` (``{}``): rare; forget the text so far (a model failed mid-draft and a retry, a
  fallback model or the offline drafter writes a new one), deltas follow from empty;
- ``report``: the ``DraftReport`` once guardrails ran and the draft was recorded and stored.
  The deltas since the last ``restart`` concatenated are its ``body``, and the report's flags
  cover all of it: nothing is streamed that the report does not judge.
- ``error`` (the contract's error object) instead of the report if the draft fails after
  text was sent (e.g. the audit log is down).

Errors before the first piece of text (bad request, unknown voice, rate limit) are ordinary
responses in the contract's error shape with their status, never a broken stream. A client
that disconnects cancels the draft: the model's stream is closed and, as for
``POST /v1/drafts``, nothing is recorded or stored unless the model had already answered.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep
from service.edge.disconnect import cancel_on_disconnect
from service.errors import ReplydraftError
from service.http_errors import error_body
from service.models import DraftReport, DraftRequest
from service.pipeline.streaming import body_pieces

__all__ = ["body_pieces", "router", "sse_message"]

logger = logging.getLogger(__name__)

router = APIRouter(
    prefix="/v1", tags=["drafts"], dependencies=[Depends(require_role(*DRAFTING_ROLES))]
)

_EVENT_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": 'Server-sent events: `delta` messages (`{"text": ...}`) sent as the model '
        "writes, whose texts concatenated are the body; rarely `restart` (start again from "
        "empty); then one `report` message (the `DraftReport`), or `error` (the error "
        "object) if the draft failed after text was sent.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}

# Draft tasks left running by a cancelled stream, kept referenced until they have stopped.
_cancelled: set[asyncio.Task[DraftReport]] = set()


def sse_message(event: str, data: str) -> str:
    """One server-sent event; ``data`` must be one line (JSON without newlines is)."""
    return f"event: {event}\ndata: {data}\n\n"


def _delta(text: str) -> str:
    return sse_message("delta", json.dumps({"text": text}, ensure_ascii=False))


@dataclass
class _QueueSink:
    """The pipeline's text sink: each piece becomes an event; keeps the text sent so far."""

    queue: asyncio.Queue[str] = field(default_factory=asyncio.Queue)
    text: str = ""

    def write(self, piece: str) -> None:
        self.text += piece
        self.queue.put_nowait(_delta(piece))

    def restart(self) -> None:
        self.text = ""
        self.queue.put_nowait(sse_message("restart", "{}"))


async def _next_event(task: asyncio.Task[DraftReport], sink: _QueueSink) -> str | None:
    """The next queued event, or None once the draft has finished and all were taken."""
    if not sink.queue.empty():
        return sink.queue.get_nowait()
    if task.done():
        return None
    getter = asyncio.ensure_future(sink.queue.get())
    try:
        await asyncio.wait({task, getter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        if not getter.done():
            getter.cancel()
    if getter.done() and not getter.cancelled():
        return getter.result()
    return await _next_event(task, sink)


async def _opening(task: asyncio.Task[DraftReport], sink: _QueueSink) -> str | None:
    """The first event, or None if the draft ended without text; the draft's error if it failed."""
    event = await _next_event(task, sink)
    if event is None:
        task.result()  # raises the draft's error: an ordinary error response
    return event


def _cancel(task: asyncio.Task[DraftReport]) -> None:
    if not task.done():
        task.cancel()  # closes the model's stream (a finished draft's copies are still kept)
        _cancelled.add(task)
        task.add_done_callback(_cancelled.discard)
        logger.info("client_disconnected", extra={"cancelled": "draft"})


def _closing(report: DraftReport, sent: str) -> list[str]:
    """The report event; a resent body first should the streamed text differ from it."""
    events = []
    if sent != report.body:
        # E.g. the model ended on a stray "<" held back as a possible placeholder.
        events += [sse_message("restart", "{}"), _delta(report.body)]
    return [*events, sse_message("report", report.model_dump_json())]


def _failure(exc: BaseException) -> str:
    if isinstance(exc, ReplydraftError):
        body = error_body(exc.code, exc.message, exc.details)
    else:
        # Type only: a message could quote request content.
        logger.error("unexpected_error", extra={"exc_type": type(exc).__name__})
        body = error_body("internal_error", "Something went wrong on our side.")
    return sse_message("error", json.dumps(body, ensure_ascii=False))


async def _events(
    first: str | None, task: asyncio.Task[DraftReport], sink: _QueueSink
) -> AsyncIterator[str]:
    try:
        event = first
        while event is not None:
            yield event
            event = await _next_event(task, sink)
        try:
            report = task.result()
        except Exception as exc:  # noqa: BLE001 - the stream has begun: the error is an event
            yield _failure(exc)
            return
        for message in _closing(report, sink.text):
            yield message
    finally:
        # The client went away (Starlette cancels this generator): stop the draft.
        _cancel(task)


@router.post("/drafts/stream", response_class=StreamingResponse, responses=_EVENT_STREAM_DOC)
async def stream_draft(
    request: DraftRequest, runtime: RuntimeDep, caller: CallerDep, http: Request
) -> StreamingResponse:
    """Draft a reply as ``/v1/drafts`` does, sent as server-sent events while it is written."""
    sink = _QueueSink()
    task = asyncio.ensure_future(
        runtime.draft(request, tenant=caller.tenant, scope=caller.tenant_scope, stream=sink)
    )
    try:
        first = await cancel_on_disconnect(http, _opening(task, sink))
    except BaseException:
        _cancel(task)
        raise
    return StreamingResponse(
        _events(first, task, sink),
        media_type="text/event-stream",
        # no-transform / X-Accel-Buffering: proxies must pass events through as they come.
        headers={"cache-control": "no-cache, no-transform", "x-accel-buffering": "no"},
    )
