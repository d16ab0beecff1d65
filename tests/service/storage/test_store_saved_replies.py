"""Saved replies on SQLite and PostgreSQL: replaced per set, scoped to a tenant."""

from __future__ import annotations

import pytest

from service.errors import InvalidRequestError, NotFoundError
from service.models import SavedReply
from service.storage import Store


def _reply(key: str, body: str = "Hi {{ticket.requester.first_name}},") -> SavedReply:
    return SavedReply(id=f"team:{key}", title=key.title(), body=body)


def test_put_get_and_list_in_file_order(store: Store) -> None:
    store.put_saved_replies("team", [_reply("zeta"), _reply("alpha")], tenant="acme")
    assert store.get_saved_reply("team:zeta").body == "Hi {{ticket.requester.first_name}},"
    assert [r.id for r in store.list_saved_replies(tenant="acme")] == ["team:zeta", "team:alpha"]


def test_reimport_replaces_the_whole_set(store: Store) -> None:
    store.put_saved_replies("team", [_reply("a"), _reply("b")])
    store.put_saved_replies("team", [_reply("c", "New text")])
    assert [r.id for r in store.list_saved_replies()] == ["team:c"]
    with pytest.raises(NotFoundError):
        store.get_saved_reply("team:a")


def test_another_tenants_reply_is_not_found_and_not_listed(store: Store) -> None:
    store.put_saved_replies("team", [_reply("a")], tenant="acme")
    with pytest.raises(NotFoundError):
        store.get_saved_reply("team:a", tenant="globex")
    assert store.list_saved_replies(tenant="globex") == []
    assert store.get_saved_reply("team:a", tenant="acme").title == "A"
    assert [r.id for r in store.list_saved_replies()] == ["team:a"]  # no tenant: every tenant's


def test_a_set_id_of_another_tenant_is_refused(store: Store) -> None:
    store.put_saved_replies("team", [_reply("a")], tenant="acme")
    with pytest.raises(InvalidRequestError, match="another tenant") as taken:
        store.put_saved_replies("team", [_reply("b")], tenant="globex")
    assert "team" not in taken.value.message  # the importer's id is not echoed
    assert [r.id for r in store.list_saved_replies(tenant="acme")] == ["team:a"]


def test_bad_tenant_name_is_refused(store: Store) -> None:
    with pytest.raises(InvalidRequestError, match="tenant"):
        store.put_saved_replies("team", [_reply("a")], tenant="no spaces")


def test_japanese_text_round_trips(store: Store) -> None:
    body = "{%customer.fullName%}様\n\n返金いたします。"
    store.put_saved_replies("ja", [SavedReply(id="ja:refund", title="返金", body=body)])
    assert store.get_saved_reply("ja:refund").body == body
