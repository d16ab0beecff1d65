"""Verified keys are remembered briefly; a revoked key is refused within ``key_cache_s``.

On SQLite and on PostgreSQL. A revocation in the same process drops the key at once; one made
by another process (the CLI, another worker: here a second engine on the same database) is
seen when the remembered entry expires.
"""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import URL

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage import Store
from service.storage.keys import ApiKey, KeyStore, VerifiedKeys, hash_key

TTL_S = 0.5


def test_a_key_is_remembered_only_after_it_was_verified(store: Store) -> None:
    keys = KeyStore(store.engine)
    key, raw = keys.create("agent", "helpdesk")
    assert keys.remembered(raw) is None
    assert keys.authenticate(raw) == key
    assert keys.remembered(raw) is None  # remember_s 0: nothing kept
    assert keys.authenticate(raw, remember_s=TTL_S) == key
    # Another KeyStore of the same engine shares the memory.
    assert KeyStore(store.engine).remembered(raw) == key


def test_wrong_and_unknown_keys_are_never_remembered(store: Store) -> None:
    keys = KeyStore(store.engine)
    key, raw = keys.create("agent", "helpdesk")
    wrong = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")
    unknown = f"rd_{'0' * 16}_{raw.rsplit('_', 1)[1]}"
    for bad in (wrong, unknown, "not a key"):
        assert keys.authenticate(bad, remember_s=TTL_S) is None
        assert keys.remembered(bad) is None


def test_revoking_in_this_process_forgets_the_key_at_once(store: Store) -> None:
    keys = KeyStore(store.engine)
    key, raw = keys.create("agent", "helpdesk")
    assert keys.authenticate(raw, remember_s=60) == key
    KeyStore(store.engine).revoke(key.id)
    assert keys.remembered(raw) is None
    assert keys.authenticate(raw, remember_s=60) is None
    assert keys.remembered(raw) is None


def test_a_revocation_elsewhere_is_seen_within_the_memory_time(store: Store) -> None:
    keys = KeyStore(store.engine)
    key, raw = keys.create("agent", "helpdesk")
    assert keys.authenticate(raw, remember_s=TTL_S) == key
    elsewhere = Store(store.engine.url)  # another process's engine: its own memory
    try:
        KeyStore(elsewhere.engine).revoke(key.id)
    finally:
        elsewhere.close()
    assert keys.remembered(raw) == key  # still trusted here, within the bound
    time.sleep(TTL_S + 0.05)
    assert keys.remembered(raw) is None
    assert keys.authenticate(raw, remember_s=TTL_S) is None


def test_the_memory_is_bounded() -> None:
    now = [0.0]
    memory = VerifiedKeys(monotonic=lambda: now[0])
    facts = _some_key()
    for i in range(VerifiedKeys.MAX_ENTRIES + 1):
        memory.put(hash_key(str(i)), facts, 10.0)
    assert len(memory._entries) == 1  # cleared when full, then the newest kept
    assert memory.get(hash_key(str(VerifiedKeys.MAX_ENTRIES))) == facts
    now[0] = 10.0
    assert memory.get(hash_key(str(VerifiedKeys.MAX_ENTRIES))) is None


def test_the_api_refuses_a_key_revoked_by_another_process(empty_url: URL, tmp_path: Path) -> None:
    """Through HTTP, on both databases: 401 once ``key_cache_s`` has passed; 0 = at once."""
    url = empty_url.render_as_string(hide_password=False)
    for cache_s in (TTL_S, 0.0):
        settings = Settings(database_url=url, data_dir=tmp_path, key_cache_s=cache_s)
        runtime = Runtime.build(settings)
        key, raw = KeyStore(runtime.store.engine).create("agent", f"helpdesk {cache_s}")
        headers = {"Authorization": f"Bearer {raw}"}
        try:
            with TestClient(create_app(settings, runtime=runtime)) as client:
                assert client.get("/v1/drafts/unknown", headers=headers).status_code == 404
                revoked_at = time.monotonic()
                elsewhere = Store(runtime.store.engine.url)
                try:
                    KeyStore(elsewhere.engine).revoke(key.id)
                finally:
                    elsewhere.close()
                answer = client.get("/v1/drafts/unknown", headers=headers)
                if cache_s == 0:
                    assert answer.status_code == 401
                    continue
                started = revoked_at
                while answer.status_code == 404:
                    # Only a request that started within the bound may still pass.
                    assert started - revoked_at < cache_s
                    started = time.monotonic()
                    answer = client.get("/v1/drafts/unknown", headers=headers)
                assert answer.status_code == 401
                time.sleep(cache_s + 0.05)
                assert client.get("/v1/drafts/unknown", headers=headers).status_code == 401
        finally:
            runtime.store.close()


def _some_key() -> ApiKey:
    return ApiKey.model_validate(
        {"id": "0" * 16, "name": "n", "role": "agent", "created_at": "2026-01-01T00:00:00Z"}
    )
