"""What an agent's edits say about a draft: edit distances and which flags were fixed.

Both texts are compared masked (the stored draft is masked at rest, and the sent text is masked
the same way before anything is computed or stored), so a customer's name never counts as an
edit and never reaches the feedback table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator
from rapidfuzz.distance import Levenshtein

from service.models import DraftReport
from service.models.storable import StorableModel

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class FeedbackRequest(StorableModel):
    """``{"sent_text": "..."}`` or ``{"discarded": true, "reason": "..."}``."""

    model_config = ConfigDict(extra="forbid")

    sent_text: str | None = Field(default=None, max_length=50_000)
    discarded: bool = False
    reason: str | None = Field(default=None, max_length=2_000)

    @model_validator(mode="after")
    def _one_outcome(self) -> FeedbackRequest:
        if (self.sent_text is None) == (not self.discarded):
            raise ValueError("give either sent_text or discarded: true, not both or neither")
        if self.sent_text is not None and not self.sent_text.strip():
            raise ValueError("sent_text must not be empty")
        return self


class FeedbackResult(BaseModel):
    """What was recorded (no text: the sent text is stored masked and not echoed)."""

    feedback_id: str
    draft_id: str
    outcome: str
    char_distance: int | None
    token_distance: int | None
    flags_resolved: list[str]
    flags_ignored: list[str]
    seconds_to_send: float | None


@dataclass(frozen=True)
class EditFacts:
    """Edit distances and flag outcomes between a stored draft and the text sent."""

    char_distance: int
    token_distance: int
    resolved: list[str]
    ignored: list[str]


def compare(draft: DraftReport, sent_masked: str) -> EditFacts:
    """Distances (characters, tokens) and, for each flag with a span, fixed or left as is.

    A flag counts as resolved when the text it pointed at no longer appears in what was sent;
    flags without a span (an unanswered question, a missing attachment) are left out of both
    lists: whether an edit fixed them needs the thread, which is not stored.
    """
    resolved: list[str] = []
    ignored: list[str] = []
    for flag in draft.flags:
        if flag.span is None or flag.span.end <= flag.span.start:
            continue
        flagged = draft.body[flag.span.start : flag.span.end]
        (ignored if flagged in sent_masked else resolved).append(flag.code)
    return EditFacts(
        char_distance=Levenshtein.distance(draft.body, sent_masked),
        token_distance=Levenshtein.distance(
            _TOKEN.findall(draft.body), _TOKEN.findall(sent_masked)
        ),
        resolved=resolved,
        ignored=ignored,
    )
