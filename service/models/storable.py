"""``StorableModel``: the base of every request body whose text may be stored.

PostgreSQL's ``text`` refuses NUL; SQLite keeps it. Refusing it at the edge, with a 422 naming
the field, keeps both stores alike and turns what would be a 503 from the database into the
caller's error. One base, so no request model forgets the rule.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, field_validator

from service.edge.storable_text import refuse_unstorable


class StorableModel(BaseModel):
    """A request model whose every text field must be storable on every store."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        """Every text field must be storable on every store (422 naming the field otherwise)."""
        return refuse_unstorable(value)
