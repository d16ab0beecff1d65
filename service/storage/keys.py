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
import threading
import time
import weakref
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
from service.tenancy import DEFAULT_TENANT, checked_tenant

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


class VerifiedKeys:
    """Keys this process verified lately, by the SHA-256 of the full key, each for ``ttl_s``.

    Every request authenticates; a verified key is trusted again for a few seconds without a
    database lookup. Revoking a key in this process drops it at once (``forget``); a revocation
    made elsewhere (``replydraft keys revoke``, another worker), or one racing with a lookup
    of the same key, is seen when the entry expires: ``ttl_s`` bounds how long a revoked key
    may still be accepted. Unknown, wrong and
    revoked keys are never remembered: each of them is looked up again.
    """

    MAX_ENTRIES = 4096

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._entries: dict[str, tuple[ApiKey, float]] = {}
        self._lock = threading.Lock()  # lookups run on the event loop and in worker threads

    def get(self, digest: str) -> ApiKey | None:
        """The key verified as ``digest`` if it is still fresh, else None."""
        entry = self._entries.get(digest)
        if entry is None:
            return None
        key, expires = entry
        if self._monotonic() >= expires:
            with self._lock:
                self._entries.pop(digest, None)
            return None
        return key

    def put(self, digest: str, key: ApiKey, ttl_s: float) -> None:
        """Remember ``key`` as verified for ``ttl_s`` seconds."""
        with self._lock:
            if len(self._entries) >= self.MAX_ENTRIES:
                self._entries.clear()  # bounded memory; the next requests look up again
            self._entries[digest] = (key, self._monotonic() + ttl_s)

    def forget(self, key_id: str) -> None:
        """Drop every entry of ``key_id`` (it was just revoked)."""
        with self._lock:
            for digest in [d for d, (k, _) in self._entries.items() if k.id == key_id]:
                del self._entries[digest]


# One memory per database engine (weakly held: a disposed engine takes its entries with it),
# shared by every KeyStore of that engine, so that a revocation through any of them counts.
_VERIFIED: weakref.WeakKeyDictionary[Engine, VerifiedKeys] = weakref.WeakKeyDictionary()
_VERIFIED_LOCK = threading.Lock()


def verified_keys(engine: Engine) -> VerifiedKeys:
    """The process's memory of keys verified against ``engine``."""
    with _VERIFIED_LOCK:
        memory = _VERIFIED.get(engine)
        if memory is None:
            memory = _VERIFIED[engine] = VerifiedKeys()
        return memory


class KeyStore:
    """API keys in the database behind ``engine``."""

    def __init__(self, engine: Engine, *, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self._engine = engine
        # Built on first use: the API builds a KeyStore on every request to authenticate it
        # (no session needed), and a sessionmaker costs ~0.1 ms of CPU to make.
        self._sessions: sessionmaker[Session] | None = None
        self._clock = clock
        self._verified = verified_keys(engine)

    def create(self, role: str, name: str, *, tenant: str = DEFAULT_TENANT) -> tuple[ApiKey, str]:
        """Create a key; returns its facts and the full key, which is shown only this once."""
        tenant = checked_tenant(tenant)
        if role not in ROLES:
            raise InvalidRequestError(f"unknown role; use one of: {', '.join(ROLES)}")
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
                # The id is caller text: named by its field, never echoed.
                raise NotFoundError("API key not found: no key is stored under that id")
            if row.revoked_at is None:
                session.execute(
                    update(ApiKeyRow).where(ApiKeyRow.id == key_id).values(revoked_at=self._clock())
                )
                session.refresh(row)
            key = _to_key(row)
        # After the commit: a request verifying meanwhile reads the row as revoked or not at
        # all, and anything it remembered from before is dropped here.
        self._verified.forget(key_id)
        return key

    def remembered(self, raw: str) -> ApiKey | None:
        """The live key ``raw`` if this process verified it within the memory's time, else None.

        No database work: cheap enough for the event loop. None means "look it up".
        """
        if _KEY.match(raw) is None:
            return None
        return self._verified.get(hash_key(raw))

    def authenticate(self, raw: str, *, remember_s: float = 0.0) -> ApiKey | None:
        """The live key ``raw`` belongs to, or None (malformed, unknown, wrong or revoked).

        ``remember_s`` > 0 keeps a live key in the process's memory (``VerifiedKeys``) for that
        long, for ``remembered``; this call itself always reads the database.
        """
        match = _KEY.match(raw)
        if match is None:
            return None
        # Every request asks this: one Core SELECT on a pooled connection, not an ORM session
        # with its identity map and unit of work (about 1 ms of CPU less per request).
        with self._guarded(), self._engine.connect() as connection:
            row = connection.execute(_BY_ID, {"key_id": match.group(1)}).one_or_none()
        digest = hash_key(raw)
        if row is None or not hmac.compare_digest(row.secret_hash, digest):
            return None
        if row.revoked_at is not None:
            return None
        key = _to_key(row)
        if remember_s > 0:
            self._verified.put(digest, key, remember_s)
        return key

    @contextmanager
    def _session(self) -> Iterator[Session]:
        if self._sessions is None:
            self._sessions = sessionmaker(self._engine, expire_on_commit=False)
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
