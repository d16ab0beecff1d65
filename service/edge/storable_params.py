"""Path and query parameters holding text the stores cannot take are a 422 naming them.

The request models refuse NUL and lone surrogates in bodies (``service.models.storable``); a
path or query parameter (``GET /v1/drafts/{draft_id}``, ``/v1/audit/redactions?draft_id=``)
went straight into a query instead, where PostgreSQL refuses NUL: a 503 "database unavailable",
a 500 or a dropped connection there, while SQLite answered 404 or an empty page. One check for
every authenticated route keeps both stores' answers the same, with the rule of
``storable_text``. It runs after authentication and the role check (``service.auth``), so a
caller without a valid key or role gets 401/403 as for any other parameter; routes without a
key pass no parameter to a store.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError

from service.edge.storable_text import UNSTORABLE_MESSAGE, has_unstorable_text

# Where an error points for a query parameter the route does not declare: its name is the
# caller's text (it may be personal data, or hold the refused character) and is never echoed.
UNDECLARED_QUERY_LOC: tuple[str, ...] = ("query",)


def _declared_query_names(request: Request) -> frozenset[str]:
    """The query parameter names the matched route declares (its dependencies' included)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    return frozenset(_query_aliases(dependant)) if isinstance(dependant, Dependant) else frozenset()


def _query_aliases(dependant: Dependant) -> list[str]:
    return [p.alias for p in dependant.query_params] + [
        alias for sub in dependant.dependencies for alias in _query_aliases(sub)
    ]


def refuse_unstorable_params(request: Request) -> None:
    """A 422 naming each path or query parameter holding NUL or a lone surrogate.

    A path parameter is named by the route's template and a declared query parameter by its
    declaration; any other query parameter (its name included in the check) is reported at
    ``UNDECLARED_QUERY_LOC`` only: values and caller-chosen names are never echoed.
    """
    declared = _declared_query_names(request)
    locs: list[tuple[str, ...]] = [
        ("path", name) for name, value in request.path_params.items() if has_unstorable_text(value)
    ]
    for name, value in request.query_params.multi_items():
        if has_unstorable_text(name) or has_unstorable_text(value):
            locs.append(("query", name) if name in declared else UNDECLARED_QUERY_LOC)
    errors: list[dict[str, Any]] = [
        {"loc": loc, "msg": UNSTORABLE_MESSAGE, "type": "value_error"}
        for loc in dict.fromkeys(locs)
    ]
    if errors:
        raise RequestValidationError(errors)
