"""Stored feedback on drafts, and the aggregate engineers read (``GET /v1/metrics/drafts``)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import sessionmaker

from service.models import DraftReport
from service.storage.tables import DraftRow, FeedbackRow


@dataclass(frozen=True)
class EditedDraft:
    """A stored draft the agent edited and sent: every text masked."""

    draft_id: str
    report: DraftReport
    masked_request: dict[str, Any]
    sent_text: str
    char_distance: int
    token_distance: int
    resolved: list[str]  # flag codes the edit took out


class FeedbackStore:
    """Feedback rows in the database behind ``engine`` (texts arrive already masked)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine)

    def add(self, **values: Any) -> str:
        """Insert one feedback row; returns its id."""
        feedback_id = f"fb_{secrets.token_hex(10)}"
        with self._sessions.begin() as session:
            session.execute(insert(FeedbackRow).values(id=feedback_id, **values))
        return feedback_id

    def draft_created_at(self, draft_id: str) -> dt.datetime | None:
        """When the draft was made (None once it has expired)."""
        with self._sessions() as session:
            query = select(DraftRow.created_at).where(DraftRow.id == draft_id)
            return session.execute(query).scalar_one_or_none()

    def sent_after_edits(self, since: dt.datetime) -> list[EditedDraft]:
        """Drafts sent after the agent edited them, since ``since``, with their masked request.

        Drafts stored before requests were kept (no ``masked_request``) are left out.
        """
        query = (
            select(DraftRow, FeedbackRow)
            .join(FeedbackRow, FeedbackRow.draft_id == DraftRow.id)
            .where(
                DraftRow.kind == "draft",
                DraftRow.masked_request.is_not(None),
                FeedbackRow.outcome == "sent",
                FeedbackRow.char_distance > 0,
                FeedbackRow.created_at >= since,
            )
            .order_by(FeedbackRow.created_at, FeedbackRow.id)
        )
        with self._sessions() as session:
            return [
                EditedDraft(
                    draft_id=draft.id,
                    report=DraftReport.model_validate(draft.report),
                    masked_request=dict(draft.masked_request or {}),
                    sent_text=feedback.sent_text or "",
                    char_distance=feedback.char_distance or 0,
                    token_distance=feedback.token_distance or 0,
                    resolved=list(feedback.flag_outcomes.get("resolved", [])),
                )
                for draft, feedback in session.execute(query)
            ]

    def metrics(
        self, *, tenant: str | None, start: dt.datetime | None, end: dt.datetime | None
    ) -> list[dict[str, Any]]:
        """Per model and prompt version: drafts, outcomes, acceptance, edits, flag outcomes."""
        drafts = select(DraftRow.model, DraftRow.report["prompt_version"].as_string()).where(
            DraftRow.kind == "draft"
        )
        rows = select(FeedbackRow)
        if tenant is not None:
            drafts = drafts.where(DraftRow.tenant == tenant)
            rows = rows.where(FeedbackRow.tenant == tenant)
        if start is not None:
            drafts = drafts.where(DraftRow.created_at >= start)
            rows = rows.where(FeedbackRow.created_at >= start)
        if end is not None:
            drafts = drafts.where(DraftRow.created_at < end)
            rows = rows.where(FeedbackRow.created_at < end)
        groups: dict[tuple[str, str | None], dict[str, Any]] = defaultdict(_empty_group)
        with self._sessions() as session:
            for model, version in session.execute(drafts):
                groups[(model, version)]["drafts"] += 1
            for row in session.execute(rows).scalars():
                _add(groups[(row.model, row.prompt_version)], row)
        return [
            _summary(model, version, g) for (model, version), g in sorted(groups.items(), key=str)
        ]


def _empty_group() -> dict[str, Any]:
    return {
        "drafts": 0,
        "sent": 0,
        "discarded": 0,
        "chars": [],
        "tokens": [],
        "seconds": [],
        "flags": defaultdict(lambda: {"raised": 0, "fixed": 0, "ignored": 0}),
    }


def _add(group: dict[str, Any], row: FeedbackRow) -> None:
    group[row.outcome] += 1
    if row.char_distance is not None:
        group["chars"].append(row.char_distance)
    if row.token_distance is not None:
        group["tokens"].append(row.token_distance)
    if row.draft_created_at is not None and row.outcome == "sent":
        group["seconds"].append((row.created_at - row.draft_created_at).total_seconds())
    outcomes = row.flag_outcomes
    for code in outcomes.get("raised", []):
        group["flags"][code]["raised"] += 1
    for code in outcomes.get("resolved", []):
        group["flags"][code]["fixed"] += 1
    for code in outcomes.get("ignored", []):
        group["flags"][code]["ignored"] += 1


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _summary(model: str, version: str | None, g: dict[str, Any]) -> dict[str, Any]:
    decided = g["sent"] + g["discarded"]
    return {
        "model": model,
        "prompt_version": version,
        "drafts": g["drafts"],
        "sent": g["sent"],
        "discarded": g["discarded"],
        "acceptance_rate": round(g["sent"] / decided, 3) if decided else None,
        "mean_char_distance": _mean(g["chars"]),
        "mean_token_distance": _mean(g["tokens"]),
        "mean_seconds_to_send": _mean(g["seconds"]),
        "flags": {code: dict(counts) for code, counts in sorted(g["flags"].items())},
    }
