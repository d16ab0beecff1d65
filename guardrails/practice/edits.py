"""A proposed correction of one stretch of a draft, as the proofreading checks find them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Where a slip is, what kind it is, a message without the draft's text, and the fix if clear.

    ``kind`` is a short machine name ("misspelling", "double_keigo") kept as the finding's
    evidence, so a review page can group them.
    """

    start: int
    end: int
    kind: str
    message: str
    suggestion: str | None = None
