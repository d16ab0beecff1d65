"""API keys: creation, listing, revocation and lookup. Only a key's SHA-256 is stored.

A key reads ``rd_<id>_<secret>``: the id (16 hex digits) finds the row, the SHA-256 of the whole
key is compared in constant time. An unsalted fast hash is enough here because the secret is
256 random bits, not a password a person chose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, Protocol, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from service.errors import InvalidRequestError, NotFoundError, StorageUnavailableError
from service.storage.tables import ApiKeyRow
from service.storage.tenancy import DEFAULT_TENANT, checked_tenant

Role = Literal["agent", "engineer", "auditor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
_KEY = re.compile(r"^rd_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ApiKey(BaseModel):
    """A stored key's public facts (never its secret or hash)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """Key id (16 hex digits), the public half of the key."""
    name: str
    """Who or what the key is for."""
    role: Role
    """agent, engineer, auditor or admin."""
    created_at: dt.datetime
    """When it was created (UTC)."""
    revoked_at: dt.datetime | None = None
    """When it was revoked; a revoked key authenticates nothing."""
    tenant: str = DEFAULT_TENANT
    """The tenant whose data the key reads and writes (admins may cross)."""


def hash_key(raw: str) -> str:
    """SHA-256 (hex) of a full key string."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class KeyStore:
    """API keys in the database behind ``engine``."""

    def __init__(self, engine: Engine, *, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._clock = clock

    def create(self, role: str, name: str, *, tenant: str = DEFAULT_TENANT) -> tuple[ApiKey, str]:
        """Create a key; returns its facts and the full key, which is shown only this once."""
        tenant = checked_tenant(tenant)
        if role not in ROLES:
            raise InvalidRequestError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
        name = name.strip()
        if not name or len(name) > 128:
            raise InvalidRequestError("a key name needs 1 to 128 characters")
        key_id = secrets.token_hex(8)
        raw = f"rd_{key_id}_{secrets.token_urlsafe(32)}"
        values = {
            "id": key_id,
            "name": name,
            "role": role,
            "secret_hash": hash_key(raw),
            "created_at": self._clock(),
            "revoked_at": None,
            "tenant": tenant,
        }
        with self._session() as session:
            session.execute(insert(ApiKeyRow).values(**values))
        return _to_key(ApiKeyRow(**values)), raw

    def key_ids_of(self, tenant: str) -> list[str]:
        """Ids of every key of ``tenant``, revoked ones included (their old records count)."""
        with self._session() as session:
            query = select(ApiKeyRow.id).where(ApiKeyRow.tenant == tenant)
            return list(session.execute(query).scalars())

    def list_keys(self) -> list[ApiKey]:
        """Every key, oldest first, revoked ones included."""
        with self._session() as session:
            found = session.execute(select(ApiKeyRow).order_by(ApiKeyRow.created_at)).scalars()
            return [_to_key(row) for row in found]

    def revoke(self, key_id: str) -> ApiKey:
        """Revoke ``key_id`` (idempotent); NotFoundError if it does not exist."""
        with self._session() as session:
            row = session.get(ApiKeyRow, key_id)
            if row is None:
                raise NotFoundError("API key not found", details=[{"key_id": key_id}])
            if row.revoked_at is None:
                session.execute(
                    update(ApiKeyRow).where(ApiKeyRow.id == key_id).values(revoked_at=self._clock())
                )
                session.refresh(row)
            return _to_key(row)

    def authenticate(self, raw: str) -> ApiKey | None:
        """The live key ``raw`` belongs to, or None (malformed, unknown, wrong or revoked)."""
        match = _KEY.match(raw)
        if match is None:
            return None
        # Every request asks this: one Core SELECT on a pooled connection, not an ORM session
        # with its identity map and unit of work (about 1 ms of CPU less per request).
        with self._guarded(), self._engine.connect() as connection:
            row = connection.execute(_BY_ID, {"key_id": match.group(1)}).one_or_none()
        if row is None or not hmac.compare_digest(row.secret_hash, hash_key(raw)):
            return None
        return None if row.revoked_at is not None else _to_key(row)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._guarded(), self._sessions.begin() as session:
            yield session

    @staticmethod
    @contextmanager
    def _guarded() -> Iterator[None]:
        """A database that cannot answer is a StorageUnavailableError (503), whatever failed."""
        try:
            yield
        except (DBAPIError, PoolTimeoutError) as exc:
            kind = type(exc.orig).__name__ if isinstance(exc, DBAPIError) else type(exc).__name__
            raise StorageUnavailableError(f"database unavailable ({kind})") from exc


_KEY_COLUMNS = (
    ApiKeyRow.id,
    ApiKeyRow.name,
    ApiKeyRow.role,
    ApiKeyRow.secret_hash,
    ApiKeyRow.created_at,
    ApiKeyRow.revoked_at,
    ApiKeyRow.tenant,
)
# Built once: a fresh statement per request cost more CPU (construction, cache key) than the
# lookup itself.
_BY_ID = select(*_KEY_COLUMNS).where(ApiKeyRow.id == bindparam("key_id"))


class _KeyFacts(Protocol):
    """What ``_to_key`` reads: an ``ApiKeyRow`` or a row of ``_KEY_COLUMNS``."""

    id: str
    name: str
    role: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    tenant: str


def _to_key(row: _KeyFacts) -> ApiKey:
    return ApiKey.model_validate(
        {
            "id": row.id,
            "name": row.name,
            "role": row.role,
            "created_at": row.created_at,
            "revoked_at": row.revoked_at,
            "tenant": row.tenant,
        }
    )
