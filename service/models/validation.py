"""How a pydantic validation failure is told to a person: where, and what, never the value."""

from __future__ import annotations

from pydantic import ValidationError


def first_error(exc: ValidationError) -> tuple[str, str]:
    """The first error's dotted location and message, with how many more errors there are."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(root)"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return where, f"{first['msg']}{more}"


def describe(exc: ValidationError) -> str:
    """The first validation error as ``field: message`` (never the offending value)."""
    where, message = first_error(exc)
    return f"{where}: {message}"
