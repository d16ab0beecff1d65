"""Store round trips, lookups, retention and errors, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.engine import URL

from service.errors import InvalidRequestError, NotFoundError, StorageUnavailableError
from service.models import DraftReport, KnowledgeArticle, Voice
from service.storage import Store
from service.storage.tables import DraftRow
from tests.service.storage.fakes import T0, FakeClock

SUMMARY = {"voice_id": "acme", "knowledge_base_id": "kb1", "message_count": 2}


def make_report(draft_id: str = "drf_001", body: str = "Hi Maria,\n\nDone.") -> DraftReport:
    return DraftReport.model_validate(
        {
            "draft_id": draft_id,
            "subject": "Re: Double charge",
            "body": body,
            "language": "en",
            "questions": [
                {
                    "id": "q1",
                    "text": "Refund?",
                    "status": "answered",
                    "answer_span": {"start": 0, "end": 4},
                }
            ],
            "flags": [{"code": "commitment", "severity": "verify", "message": "A promise."}],
            "verify_before_send": True,
            "redactions": {"inbound": {"EMAIL_ADDRESS": 1}, "outbound": {}},
            "citations": [{"article_id": "billing-refunds", "title": "Refunds", "url": None}],
            "model": "offline",
            "prompt_version": "sha256:abc",
            "timings_ms": {"total": 10.8},
        }
    )


def article(article_id: str, title: str = "Title") -> KnowledgeArticle:
    return KnowledgeArticle(
        id=article_id, title=title, body=f"Body of {article_id}", last_reviewed=dt.date(2026, 8, 1)
    )


# Drafts


def test_draft_round_trip(store: Store) -> None:
    report = make_report(body="田中様\n\nいつもご利用いただきありがとうございます。")
    store.save_draft(report, kind="draft", request_summary=SUMMARY, tenant="key_1")
    assert store.get_draft("drf_001") == report


def test_draft_row_metadata(store: Store) -> None:
    store.save_draft(make_report(), kind="check", request_summary=SUMMARY, tenant=None)
    with store.engine.connect() as connection:
        row = connection.execute(select(DraftRow)).one()
    assert row.created_at == T0
    assert row.created_at.tzinfo is not None
    assert row.expires_at == T0 + dt.timedelta(days=90)
    assert (row.kind, row.model, row.language, row.tenant) == ("check", "offline", "en", None)
    assert row.request_summary == SUMMARY


def test_saving_same_id_replaces(store: Store) -> None:
    store.save_draft(make_report(body="first"), kind="draft", request_summary={}, tenant=None)
    store.save_draft(make_report(body="second"), kind="draft", request_summary={}, tenant=None)
    assert store.get_draft("drf_001").body == "second"


def test_also_writes_in_the_drafts_transaction(store: Store) -> None:
    """``also`` runs on the draft's own connection: it sees the draft; if it fails, no draft."""
    seen: list[str | None] = []

    def also(connection: Connection) -> None:
        seen.append(connection.execute(select(DraftRow.id)).scalar_one_or_none())

    store.save_draft(make_report(), kind="draft", request_summary={}, tenant=None, also=also)
    assert seen == ["drf_001"]

    def failing(connection: Connection) -> None:
        raise RuntimeError("the record elsewhere failed")

    with pytest.raises(RuntimeError):
        store.save_draft(
            make_report("drf_002"), kind="draft", request_summary={}, tenant=None, also=failing
        )
    with pytest.raises(NotFoundError):
        store.get_draft("drf_002")


def test_missing_draft_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_draft("drf_missing")


def test_an_unknown_id_is_named_by_its_kind_never_echoed(store: Store) -> None:
    # Ids are caller text: the error (message and details, which reach answers, CLI lines and
    # logs) names what was looked for, never the id sent.
    planted = "maria.lopez.1985-04-15"
    lookups = (
        (store.get_draft, "draft"),
        (store.get_voice, "voice"),
        (store.get_knowledge_base, "knowledge base"),
        (store.get_saved_reply, "saved reply"),
    )
    for lookup, kind in lookups:
        with pytest.raises(NotFoundError) as missing:
            lookup(planted)
        assert planted not in f"{missing.value.message} {missing.value.details}"
        assert missing.value.message.startswith(f"{kind} not found")


def test_summary_with_text_keys_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="thread"):
        store.save_draft(
            make_report(), kind="draft", request_summary={"thread": "Hi, I'm Maria"}, tenant=None
        )


def test_expired_draft_is_not_found(store: Store, clock: FakeClock) -> None:
    store.save_draft(make_report(), kind="draft", request_summary={}, tenant=None)
    clock.advance(days=89)
    assert store.get_draft("drf_001").draft_id == "drf_001"
    clock.advance(days=1)
    with pytest.raises(NotFoundError):
        store.get_draft("drf_001")


def test_purge_expired(store: Store, clock: FakeClock) -> None:
    store.save_draft(make_report("drf_old"), kind="draft", request_summary={}, tenant=None)
    clock.advance(days=10)
    store.save_draft(make_report("drf_new"), kind="draft", request_summary={}, tenant=None)

    assert store.purge_expired(T0 + dt.timedelta(days=95)) == 1
    assert store.purge_expired(T0 + dt.timedelta(days=95)) == 0
    with pytest.raises(NotFoundError):
        store.get_draft("drf_old")
    assert store.get_draft("drf_new").draft_id == "drf_new"
    clock.advance(days=200)
    assert store.purge_expired() == 1


def test_concurrent_saves_from_a_threadpool(store: Store) -> None:
    # The API calls the store from worker threads; each call must get its own connection.
    ids = [f"drf_{i:03d}" for i in range(40)]

    def save_and_load(draft_id: str) -> str:
        store.save_draft(make_report(draft_id), kind="draft", request_summary={}, tenant=None)
        return store.get_draft(draft_id).draft_id

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sorted(pool.map(save_and_load, ids)) == ids


# Voices


def test_voice_round_trip_and_replace(store: Store) -> None:
    voice = Voice(
        brand="Example Co.",
        guide="Warm.",
        banned_phrases=["unfortunately"],
        glossary={"site name": "site title"},
    )
    store.put_voice("acme", voice)
    assert store.get_voice("acme") == voice
    store.put_voice("acme", Voice(brand="Example Co.", guide="Formal."))
    assert store.get_voice("acme").guide == "Formal."


def test_missing_voice_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_voice("nobody")


# Knowledge bases


def test_knowledge_base_keeps_order(store: Store) -> None:
    articles = [article("zeta"), article("alpha", "アルファ"), article("mid")]
    store.put_knowledge_base("kb1", articles)
    assert store.get_knowledge_base("kb1") == articles


def test_knowledge_base_put_replaces(store: Store) -> None:
    store.put_knowledge_base("kb1", [article("a"), article("b")])
    store.put_knowledge_base("kb1", [article("b", "New"), article("c")])
    assert [(a.id, a.title) for a in store.get_knowledge_base("kb1")] == [
        ("b", "New"),
        ("c", "Title"),
    ]


def test_knowledge_bases_are_separate_and_listed(store: Store) -> None:
    store.put_knowledge_base("kb2", [article("a")])
    store.put_knowledge_base("kb1", [article("a"), article("b")])
    store.put_knowledge_base("empty", [])
    assert store.list_knowledge_bases() == ["empty", "kb1", "kb2"]
    assert [a.id for a in store.get_knowledge_base("kb2")] == ["a"]
    assert store.get_knowledge_base("empty") == []


def test_missing_knowledge_base_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_knowledge_base("nope")


def test_duplicate_article_ids_are_refused(store: Store) -> None:
    store.put_knowledge_base("kb1", [article("a")])
    with pytest.raises(InvalidRequestError) as info:
        store.put_knowledge_base("kb1", [article("x"), article("y"), article("x")])
    assert info.value.details == [{"article_ids": ["x"]}]
    assert [a.id for a in store.get_knowledge_base("kb1")] == ["a"]


# Health and failures


def test_ping(store: Store) -> None:
    assert store.ping() is True


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-replydraft-dir/sub/replydraft.db",
        "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2",
    ],
    ids=["sqlite-bad-path", "postgresql-closed-port"],
)
def test_unreachable_database(url: str) -> None:
    with Store(url) as store:
        assert store.ping() is False
        with pytest.raises(StorageUnavailableError):
            store.migrate()
        with pytest.raises(StorageUnavailableError):
            store.get_draft("drf_001")
        with pytest.raises(StorageUnavailableError):
            store.save_draft(make_report(), kind="draft", request_summary={}, tenant=None)


def test_storage_error_does_not_leak_values(empty_url: str) -> None:
    # Unmigrated: the INSERT fails, and neither our message nor the cause may quote the body.
    secret = "maria.lopez@example.com"
    with Store(empty_url) as store, pytest.raises(StorageUnavailableError) as info:
        store.save_draft(
            make_report(body=f"Write to {secret}"), kind="draft", request_summary={}, tenant=None
        )
    assert secret not in str(info.value)
    assert secret not in str(info.value.__cause__)


def test_knowledge_base_read_again_is_the_same_and_a_replacement_is_seen(
    store: Store, migrated_url: URL, clock: FakeClock
) -> None:
    store.put_knowledge_base("kb1", [article("a"), article("b")])
    first = store.get_knowledge_base("kb1")
    again = store.get_knowledge_base("kb1")
    assert again == first and all(x is y for x, y in zip(again, first, strict=True))
    # Replaced through another store (another worker), at the same clock reading: seen.
    with Store(migrated_url, clock=clock) as other:
        other.put_knowledge_base("kb1", [article("c", "New")])
    assert [(a.id, a.title) for a in store.get_knowledge_base("kb1")] == [("c", "New")]
    store.put_knowledge_base("kb1", [article("d")])
    assert [a.id for a in store.get_knowledge_base("kb1")] == ["d"]


def test_knowledge_base_of_another_tenant_stays_hidden_once_read(store: Store) -> None:
    store.put_knowledge_base("kb1", [article("a")], tenant="acme")
    assert [a.id for a in store.get_knowledge_base("kb1", tenant="acme")] == ["a"]
    with pytest.raises(NotFoundError):
        store.get_knowledge_base("kb1", tenant="globex")
