"""``replydraft eval import feedback``: drafts agents edited before sending become eval cases.

Each case is the draft's request as stored (every text masked: the customer is ``<PERSON_1>``),
so the suites grow from real use without holding personal data. What a case expects comes from
what the agent did: the flags their edit took out are mistakes a drafter should not make again
(``no_flags``); the draft's language stays. The text the agent sent (masked) is kept in the
case's description, for whoever reads or tightens the case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evals.suite import EvalCase
from guardrails.codes import FLAG_CODES
from service.storage.feedback import EditedDraft


def feedback_case(edited: EditedDraft) -> EvalCase:
    """One eval case for a draft the agent edited and sent."""
    report = edited.report
    expect: dict[str, Any] = {"language": report.language}
    fixed = sorted(set(edited.resolved) & FLAG_CODES)
    if fixed:
        expect["no_flags"] = fixed
    description = (
        f"From draft {edited.draft_id} ({report.model}, prompt {report.prompt_version or '-'}), "
        f"sent after edits of {edited.char_distance} characters / {edited.token_distance} "
        f"tokens. What the agent sent (masked):\n{edited.sent_text}"
    )
    return EvalCase.model_validate(
        {
            "id": f"feedback-{edited.draft_id}",
            "description": description,
            "tags": ["feedback", f"model:{report.model}"],
            "request": _without_empty(edited.masked_request),
            "expect": expect,
        }
    )


def write_feedback_suite(edited: list[EditedDraft], out: Path, *, name: str) -> int:
    """Write the cases for ``edited`` as a suite file ``replydraft eval run`` loads."""
    cases = [feedback_case(e) for e in edited]
    document = {
        "suite": name,
        "version": 1,
        "cases": [
            case.model_dump(mode="json", exclude_defaults=True, exclude_none=True) for case in cases
        ],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return len(cases)


def _without_empty(value: Any) -> Any:
    """``value`` without null fields and empty lists (the request's defaults)."""
    if isinstance(value, dict):
        return {
            k: _without_empty(v) for k, v in value.items() if v is not None and v != [] and v != {}
        }
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value
