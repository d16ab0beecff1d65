"""Path and query parameters holding text the stores cannot take are a 422 naming them.

The request models refuse NUL and lone surrogates in bodies (``service.models.storable``); a
path or query parameter (``GET /v1/drafts/{draft_id}``, ``/v1/audit/redactions?draft_id=``)
went straight into a query instead, where PostgreSQL refuses NUL: a 503 "database unavailable",
a 500 or a dropped connection there, while SQLite answered 404 or an empty page. One check for
every route keeps both stores' answers the same, with the rule of ``storable_text``.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from service.edge.storable_text import UNSTORABLE_MESSAGE, has_unstorable_text


async def refuse_unstorable_params(request: Request) -> None:
    """An app-wide dependency: a 422 naming each parameter holding NUL or a lone surrogate.

    Path and query parameters, a query parameter's name included.
    """
    places: list[tuple[str, list[tuple[str, str]]]] = [
        ("path", list(request.path_params.items())),
        ("query", request.query_params.multi_items()),
    ]
    errors: list[dict[str, Any]] = [
        {"loc": (place, name), "msg": UNSTORABLE_MESSAGE, "type": "value_error"}
        for place, params in places
        for name, value in params
        if has_unstorable_text(name) or has_unstorable_text(value)
    ]
    if errors:
        raise RequestValidationError(errors)
