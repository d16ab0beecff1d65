"""The detector as a service: ``POST /v1/redact`` and ``replydraft redact``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from service.models.storable import StorableModel


class RedactRequest(StorableModel):
    """Text to scan; ``language`` null means detect it."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(max_length=100_000)]
    language: Literal["en", "ja"] | None = None


class RedactEntity(BaseModel):
    """One detected value's type and span (never the value)."""

    type: str
    start: int
    end: int
    score: float
    recognizer: str


class RedactResult(BaseModel):
    """Entities found and the text with each replaced by its numbered placeholder."""

    language: str
    entities: list[RedactEntity]
    masked: str
