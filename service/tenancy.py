"""Tenants: the boundary no API key crosses (except an admin's).

A tenant is a short name given when a key is created (``keys create --tenant``). Keys without
one, and every key made before tenants existed, belong to :data:`DEFAULT_TENANT`, so a
single-team deployment never has to think about them.
"""

from __future__ import annotations

import re

from service.errors import InvalidRequestError

DEFAULT_TENANT = "default"
_TENANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def checked_tenant(name: str) -> str:
    """``name`` if it is a valid tenant name; InvalidRequestError (exit 2 / 422) otherwise."""
    if not _TENANT.match(name):
        raise InvalidRequestError(
            "a tenant name is 1 to 64 letters, digits, '_', '.' or '-', starting with a "
            "letter or digit"
        )
    return name
