"""``POST /v1/drafts/stream``: ``/v1/drafts`` as server-sent events (text deltas, then the report).

The stream is ``event: delta`` messages whose ``data`` is ``{"text": "..."}`` (the deltas
concatenated are the report's ``body``), then one ``event: report`` whose ``data`` is the
``DraftReport`` JSON, then the stream ends.

For now the pipeline runs to the end first (exactly as ``/v1/drafts``: masking, drafting,
guardrails, audit, storage) and the finished body is sent in small pieces. True token streaming
from the provider is wired here once the backend interface can stream (another branch adds a
streaming method to the backends); the event format stays the same. Because the draft is made
before the first byte is sent, every error (bad request, unknown voice, rate limit, storage
down) is an ordinary response in the contract's error shape with its status, never a broken
stream.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep
from service.models import DraftReport, DraftRequest

router = APIRouter(
    prefix="/v1", tags=["drafts"], dependencies=[Depends(require_role(*DRAFTING_ROLES))]
)

# A word with its trailing space, or a run of at most this many characters of an unspaced
# script (Japanese has no spaces): small pieces, as a model's tokens would arrive.
_PIECE_CHARS = 12
_PIECE = re.compile(rf"\S{{1,{_PIECE_CHARS}}}\s*|\s+")
# Pause between pieces: zero yields to the event loop so each piece is flushed on its own;
# tests raise it to watch a page render text before the report arrives.
PIECE_PAUSE_S = 0.0

_EVENT_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": 'Server-sent events: `delta` messages (`{"text": ...}`) whose texts '
        "concatenated are the body, then one `report` message (the `DraftReport`).",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


def body_pieces(body: str) -> Iterator[str]:
    """``body`` cut into small pieces that concatenate back to exactly ``body``."""
    for match in _PIECE.finditer(body):
        yield match.group(0)


def sse_message(event: str, data: str) -> str:
    """One server-sent event; ``data`` must be one line (JSON without newlines is)."""
    return f"event: {event}\ndata: {data}\n\n"


async def _events(report: DraftReport) -> AsyncIterator[str]:
    for piece in body_pieces(report.body):
        yield sse_message("delta", json.dumps({"text": piece}, ensure_ascii=False))
        await asyncio.sleep(PIECE_PAUSE_S)
    yield sse_message("report", report.model_dump_json())


@router.post("/drafts/stream", response_class=StreamingResponse, responses=_EVENT_STREAM_DOC)
async def stream_draft(
    request: DraftRequest, runtime: RuntimeDep, caller: CallerDep
) -> StreamingResponse:
    """Draft a reply as ``/v1/drafts`` does, sent as server-sent events: deltas, then the report."""
    report = await runtime.draft(request, tenant=caller.tenant, scope=caller.tenant_scope)
    return StreamingResponse(
        _events(report),
        media_type="text/event-stream",
        # no-transform / X-Accel-Buffering: proxies must pass events through as they come.
        headers={"cache-control": "no-cache, no-transform", "x-accel-buffering": "no"},
    )
