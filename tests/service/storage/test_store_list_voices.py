"""``Store.list_voices``: sorted ids, per tenant, on SQLite and PostgreSQL."""

from __future__ import annotations

from service.models import Voice
from service.storage import Store


def test_voices_are_listed_sorted_and_per_tenant(store: Store) -> None:
    store.put_voice("warm", Voice(brand="Acme"), tenant="acme")
    store.put_voice("formal", Voice(brand="Acme"), tenant="acme")
    store.put_voice("globex", Voice(brand="Globex"), tenant="globex")
    assert store.list_voices() == ["formal", "globex", "warm"]
    assert store.list_voices(tenant="acme") == ["formal", "warm"]
    assert store.list_voices(tenant="nobody") == []
