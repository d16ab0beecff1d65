"""``POST /v1/drafts/{id}/feedback`` (what the agent did) and ``GET /v1/metrics/drafts``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool

from service.auth import DRAFTING_ROLES, Caller, CallerDep, require_role
from service.deps import RuntimeDep
from service.feedback import FeedbackRequest, FeedbackResult, compare
from service.pipeline.at_rest import text_at_rest
from service.routes.time_range import as_utc
from service.runtime import Runtime
from service.storage.feedback import FeedbackStore

router = APIRouter(prefix="/v1", tags=["feedback"])


def _record(
    runtime: Runtime, caller: Caller, draft_id: str, feedback: FeedbackRequest
) -> FeedbackResult:
    stored = runtime.store.get_draft(draft_id, tenant=caller.tenant_scope)  # 404 otherwise
    engine = runtime.resources.pii
    sent = (
        text_at_rest(engine, feedback.sent_text, stored.language)
        if feedback.sent_text is not None
        else None
    )
    reason = text_at_rest(engine, feedback.reason, stored.language) if feedback.reason else None
    facts = compare(stored, sent) if sent is not None else None
    feedback_store = FeedbackStore(runtime.store.engine)
    created_at = dt.datetime.now(dt.UTC)
    draft_created_at = feedback_store.draft_created_at(draft_id)
    outcome = "sent" if sent is not None else "discarded"
    feedback_id = feedback_store.add(
        draft_id=draft_id,
        tenant=caller.tenant,
        created_at=created_at,
        draft_created_at=draft_created_at,
        outcome=outcome,
        model=stored.model,
        prompt_version=stored.prompt_version,
        sent_text=sent,
        reason=reason,
        char_distance=facts.char_distance if facts else None,
        token_distance=facts.token_distance if facts else None,
        flag_outcomes={
            "raised": [f.code for f in stored.flags],
            "resolved": facts.resolved if facts else [],
            "ignored": facts.ignored if facts else [],
        },
    )
    waited = (created_at - draft_created_at).total_seconds() if draft_created_at else None
    return FeedbackResult(
        feedback_id=feedback_id,
        draft_id=draft_id,
        outcome=outcome,
        char_distance=facts.char_distance if facts else None,
        token_distance=facts.token_distance if facts else None,
        flags_resolved=facts.resolved if facts else [],
        flags_ignored=facts.ignored if facts else [],
        seconds_to_send=round(waited, 3) if waited is not None and sent is not None else None,
    )


@router.post(
    "/drafts/{draft_id}/feedback",
    response_model=FeedbackResult,
    dependencies=[Depends(require_role(*DRAFTING_ROLES))],
)
async def post_feedback(
    draft_id: str, feedback: FeedbackRequest, runtime: RuntimeDep, caller: CallerDep
) -> FeedbackResult:
    """Record the text actually sent (stored masked) or that the draft was discarded."""
    return await run_in_threadpool(_record, runtime, caller, draft_id, feedback)


@router.get("/metrics/drafts", dependencies=[Depends(require_role("engineer"))])
async def draft_metrics(
    runtime: RuntimeDep,
    caller: CallerDep,
    start: Annotated[dt.datetime | None, Query(alias="from")] = None,
    end: Annotated[dt.datetime | None, Query(alias="to")] = None,
) -> dict[str, Any]:
    """Acceptance, edit distance and flags fixed or ignored, per model and prompt version."""
    groups = await run_in_threadpool(
        FeedbackStore(runtime.store.engine).metrics,
        tenant=caller.tenant_scope,
        start=as_utc(start),
        end=as_utc(end),
    )
    return {"groups": groups}
