"""The redaction audit chain on SQLite and PostgreSQL: append, verify, tampering, purge, races."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import Connection, delete, select, update

from service.errors import ConfigurationError, InvalidRequestError, StorageUnavailableError
from service.settings import Settings
from service.storage import Store
from service.storage.audit import AuditLog
from service.storage.audit_key import KEY_FILE_NAME, AuditKey, load_audit_key
from service.storage.audit_models import RedactionDecision
from service.storage.tables import AuditHeadRow, AuditRow
from tests.service.storage.fakes import T0, FakeClock

KEY = AuditKey(b"test-audit-key-0123456789abcdef")
EMAIL = "maria.lopez@example.com"
PHONE = "+1 415 555 0134"


def decision(
    value: str = EMAIL, entity_type: str = "EMAIL_ADDRESS", **kw: Any
) -> RedactionDecision:
    fields: dict[str, Any] = {
        "entity_type": entity_type,
        "recognizer": "EmailRecognizer",
        "score": 1.0,
        "start": 10,
        "end": 10 + len(value),
        "action": "mask",
        "direction": "inbound",
        "value": value,
    }
    fields.update(kw)
    return RedactionDecision(**fields)


@pytest.fixture
def audit(store: Store, clock: FakeClock) -> AuditLog:
    return AuditLog(store.engine, KEY, clock=clock)


def fill(audit: AuditLog, n: int = 5) -> None:
    for i in range(n):
        audit.append(
            [decision(f"user{i}@example.com")],
            request_id=f"r{i}",
            draft_id=f"drf_{i}",
            tenant="key1",
        )


@pytest.fixture
def db(store: Store) -> Iterator[Connection]:
    with store.engine.begin() as connection:
        yield connection


def test_append_chains_records_and_verifies(audit: AuditLog) -> None:
    first = audit.append(
        [decision(), decision(PHONE, "PHONE_NUMBER")],
        request_id="req1",
        draft_id="drf_1",
        tenant="key1",
    )
    second = audit.append(
        [decision(action="block", direction="outbound")],
        request_id="req2",
        draft_id="drf_2",
        tenant="key1",
    )
    assert [e.seq for e in first + second] == [1, 2, 3]
    assert first[0].prev_hash == "0" * 64
    assert first[1].prev_hash == first[0].hash and second[0].prev_hash == first[1].hash
    assert first[0].timestamp == T0 and first[0].schema_version == 2
    assert first[0].value_hmac == KEY.value_hmac(EMAIL) != first[1].value_hmac
    result = audit.verify()
    assert result.ok and result.checked == 3 and result.head_seq == 3
    assert result.head_hash == second[0].hash


def test_empty_log_verifies_and_empty_append_is_a_no_op(audit: AuditLog) -> None:
    assert audit.append([], request_id=None, draft_id=None, tenant=None) == []
    result = audit.verify()
    assert result.ok and result.checked == 0


def test_same_value_same_hmac_other_key_other_hmac() -> None:
    other = AuditKey(b"another-key-0123456789abcdef")
    assert KEY.value_hmac(EMAIL) == KEY.value_hmac(EMAIL)
    assert KEY.value_hmac("０９０-１２３４-５６７８") == KEY.value_hmac("090-1234-5678")
    assert KEY.value_hmac(EMAIL) != other.value_hmac(EMAIL)


def test_no_raw_value_in_rows_export_or_repr(audit: AuditLog, db: Connection) -> None:
    decisions = [decision(), decision(PHONE, "PHONE_NUMBER")]
    audit.append(decisions, request_id="r", draft_id="d", tenant="t")
    audit.purge(T0 + dt.timedelta(seconds=1))
    dumped = [str(tuple(r)) for r in db.execute(select(AuditRow.__table__)).all()]
    dumped += [str(tuple(r)) for r in db.execute(select(AuditHeadRow.__table__)).all()]
    for fmt in ("jsonl", "csv"):
        stream = io.StringIO()
        audit.export(fmt, stream)
        dumped.append(stream.getvalue())
    dumped.append(repr(decisions))
    text = "\n".join(dumped)
    # Fragments that hex digests and record ids can never contain by chance.
    for value in (EMAIL, PHONE, "maria", "lopez", "415 555"):
        assert value not in text


# Tampering: each kind must be found, naming the first bad record.


def test_edited_record_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    db.execute(update(AuditRow).where(AuditRow.seq == 3).values(entity_type="PERSON"))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 3 and "hash" in (result.reason or "")


def test_edit_with_recomputed_hash_breaks_the_next_link(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    db.execute(update(AuditRow).where(AuditRow.seq == 3).values(hash="f" * 64))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq in (3, 4)


def test_deleted_record_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    db.execute(delete(AuditRow).where(AuditRow.seq == 2))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 2 and "missing" in (result.reason or "")


def test_deleted_first_record_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    db.execute(delete(AuditRow).where(AuditRow.seq == 1))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 1


def test_reordered_records_are_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    for old, new in ((2, 1000), (3, 2), (1000, 3)):
        db.execute(update(AuditRow).where(AuditRow.seq == old).values(seq=new))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 2


def test_truncated_tail_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    db.execute(delete(AuditRow).where(AuditRow.seq >= 4))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 4
    assert "truncated" in (result.reason or "")


def test_truncation_with_a_rewound_head_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit)
    last_kept = db.execute(select(AuditRow.hash).where(AuditRow.seq == 3)).scalar_one()
    db.execute(delete(AuditRow).where(AuditRow.seq >= 4))
    db.execute(update(AuditHeadRow).values(last_seq=3, last_hash=last_kept))
    db.commit()
    result = audit.verify()
    assert not result.ok and "head signature" in (result.reason or "")


def test_everything_deleted_but_the_head_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit, 2)
    db.execute(delete(AuditRow))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 1


# Tenant scope (a tenant auditor's verify): where the chain breaks is named unless the broken
# record is known to be another tenant's; a missing record, the head or a checkpoint is nobody's
# known record, and "record(s) N missing" is true whoever's it was.


def fill_tenants(audit: AuditLog, tenants: list[str]) -> None:
    for i, tenant in enumerate(tenants):
        audit.append(
            [decision(f"user{i}@example.com")], request_id=f"r{i}", draft_id=None, tenant=tenant
        )


@pytest.mark.parametrize(
    ("deleted", "bad_seq", "reason"),
    [(2, 2, "record(s) 2 missing"), (4, 4, "records 4..4 missing (truncated)")],
)
def test_tenant_scope_names_deleted_and_truncated_records(
    audit: AuditLog, db: Connection, deleted: int, bad_seq: int, reason: str
) -> None:
    fill(audit, 4)
    db.execute(delete(AuditRow).where(AuditRow.seq == deleted))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.ok, result.first_bad_seq, result.reason, result.scope) == (
        False,
        bad_seq,
        reason,
        "tenant",
    )


def test_tenant_scope_names_a_deleted_record_of_another_tenant_too(
    audit: AuditLog, db: Connection
) -> None:
    """A gap has no tenant to tell: it is named (seqs are global), and the reason stays true."""
    fill_tenants(audit, ["key1", "other", "key1"])
    db.execute(delete(AuditRow).where(AuditRow.seq == 2))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.first_bad_seq, result.reason) == (2, "record(s) 2 missing")


def test_tenant_scope_names_a_bad_head(audit: AuditLog, db: Connection) -> None:
    fill(audit, 4)
    db.execute(update(AuditHeadRow).values(last_seq=5))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.ok, result.first_bad_seq) == (False, 5)
    assert result.reason == "chain head signature is not valid for the audit key"


def test_tenant_scope_names_a_forged_checkpoint(
    audit: AuditLog, clock: FakeClock, db: Connection
) -> None:
    fill(audit, 3)
    clock.advance(days=2)
    fill(audit, 1)
    audit.purge(T0 + dt.timedelta(days=1))
    db.execute(update(AuditRow).where(AuditRow.action == "checkpoint").values(cp_count=1))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.ok, result.first_bad_seq) == (False, 5)
    assert result.reason == "checkpoint signature is not valid for the audit key"


def test_tenant_scope_hides_where_another_tenants_record_breaks(
    audit: AuditLog, db: Connection
) -> None:
    """Hard negative: an edited record stored as another tenant's is not named."""
    fill_tenants(audit, ["key1", "other", "key1"])
    db.execute(update(AuditRow).where(AuditRow.seq == 2).values(score=0.1))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.ok, result.first_bad_seq, result.checked) == (False, None, 1)
    assert result.reason is not None and "another tenant" in result.reason
    assert "2" not in result.reason


def test_tenant_scope_names_an_own_record_moved_to_another_tenant(
    audit: AuditLog, db: Connection
) -> None:
    """Editing only a record's tenant must not hide it from its own tenant's auditor."""
    fill_tenants(audit, ["key1", "key1", "key1"])
    db.execute(update(AuditRow).where(AuditRow.seq == 2).values(tenant="other"))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.first_bad_seq, result.reason) == (2, "content does not match its hash (edited)")


def test_tenant_scope_names_a_broken_link_after_an_own_record(
    audit: AuditLog, db: Connection
) -> None:
    """A link that does not match the record before it may be that (own) record's fault."""
    fill_tenants(audit, ["key1", "other", "other"])
    db.execute(update(AuditRow).where(AuditRow.seq == 2).values(prev_hash="0" * 64))
    db.commit()
    result = audit.verify(tenants=["key1"])
    assert (result.first_bad_seq, result.reason) == (2, "prev_hash does not match record 1")


# Retention


def test_purge_leaves_a_checkpoint_and_the_chain_verifies(
    audit: AuditLog, clock: FakeClock
) -> None:
    fill(audit, 3)
    clock.advance(days=2)
    fill(audit, 2)
    result = audit.purge(T0 + dt.timedelta(days=1))
    assert result.deleted == 3 and result.checkpoint is not None
    checkpoint = result.checkpoint
    assert checkpoint.seq == 6 and checkpoint.action == "checkpoint"
    assert checkpoint.checkpoint is not None and checkpoint.checkpoint.purged_through_seq == 3
    verified = audit.verify()
    assert verified.ok, verified
    assert verified.checked == 3
    fill(audit, 2)
    clock.advance(days=2)
    assert audit.purge(clock.now).deleted == 5
    verified = audit.verify()
    assert verified.ok and verified.checked == 1


def test_purge_with_nothing_old_enough_does_nothing(audit: AuditLog) -> None:
    fill(audit, 2)
    result = audit.purge(T0 - dt.timedelta(days=1))
    assert result.deleted == 0 and result.checkpoint is None
    assert audit.verify().checked == 2


def test_forged_checkpoint_is_detected(audit: AuditLog, clock: FakeClock, db: Connection) -> None:
    fill(audit, 3)
    clock.advance(days=2)
    fill(audit, 1)
    audit.purge(T0 + dt.timedelta(days=1))
    db.execute(update(AuditRow).where(AuditRow.action == "checkpoint").values(cp_count=1))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 5


def test_purge_without_a_checkpoint_is_detected(audit: AuditLog, db: Connection) -> None:
    fill(audit, 4)
    db.execute(delete(AuditRow).where(AuditRow.seq <= 2))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 1


def test_purge_refuses_naive_datetimes(audit: AuditLog) -> None:
    with pytest.raises(InvalidRequestError):
        audit.purge(dt.datetime(2026, 1, 1))  # noqa: DTZ001


# Concurrency and failures


def test_concurrent_appends_keep_one_valid_chain(store: Store) -> None:
    audit = AuditLog(store.engine, KEY)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(10):
                audit.append(
                    [decision(), decision(PHONE)],
                    request_id=f"{n}-{i}",
                    draft_id=None,
                    tenant=str(n),
                )
        except BaseException as exc:  # reported below, with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = audit.verify()
    assert result.ok and result.checked == 120 and result.head_seq == 120


def _queued_appends(
    audit: AuditLog, also_of: dict[str, Any]
) -> tuple[list[int], dict[str, object]]:
    """Append "first" (held inside its ``also``) then "q0".."q3" queued behind it, in order.

    ``also_of[name]`` is raised in that append's ``also``, or called with its connection.
    Returns the id of the connection each append's ``also`` ran on (one per transaction),
    and each append's outcome (its entries, or its error).
    """
    started, release = threading.Event(), threading.Event()
    connections: list[int] = []
    outcomes: dict[str, object] = {}

    def hold(connection: Connection) -> None:
        connections.append(id(connection))
        started.set()
        assert release.wait(10)

    def run(name: str, also: Any) -> None:
        try:
            outcomes[name] = audit.append(
                [decision(f"{name}@example.com")],
                request_id=name,
                draft_id=None,
                tenant="t",
                also=also,
            )
        except BaseException as exc:  # noqa: BLE001 - the test reads each caller's error
            outcomes[name] = exc

    def recording(name: str) -> Any:
        def also(connection: Connection) -> None:
            connections.append(id(connection))
            failing = also_of.get(name)
            if isinstance(failing, BaseException):
                raise failing
            if failing is not None:
                failing(connection)

        return also

    first = threading.Thread(target=run, args=("first", hold))
    first.start()
    assert started.wait(10)
    queued = [threading.Thread(target=run, args=(f"q{i}", recording(f"q{i}"))) for i in range(4)]
    for count, thread in enumerate(queued, start=1):
        thread.start()  # one at a time, so the group's order is q0..q3
        deadline = time.monotonic() + 10
        while len(audit._group._queued) < count and time.monotonic() < deadline:
            time.sleep(0.001)
    release.set()
    for thread in [first, *queued]:
        thread.join(10)
    return connections, outcomes


def test_appends_queued_behind_a_commit_share_one_transaction(store: Store) -> None:
    audit = AuditLog(store.engine, KEY)
    connections, outcomes = _queued_appends(audit, {})
    assert all(isinstance(o, list) and len(o) == 1 for o in outcomes.values())
    # The first append's transaction, then one for the four that queued behind it.
    assert len(connections) == 5 and len(set(connections[1:])) == 1
    result = audit.verify()
    assert result.ok and result.checked == 5 and result.head_seq == 5
    seqs = sorted(e.seq for o in outcomes.values() for e in o)  # type: ignore[attr-defined]
    assert seqs == [1, 2, 3, 4, 5]


def test_a_failing_append_in_a_group_fails_alone(store: Store) -> None:
    audit = AuditLog(store.engine, KEY)
    _, outcomes = _queued_appends(audit, {"q2": ValueError("draft not writable")})
    assert isinstance(outcomes["q2"], ValueError)
    assert all(isinstance(outcomes[n], list) for n in ("first", "q0", "q1", "q3"))
    result = audit.verify()
    assert result.ok and result.checked == 4 and result.head_seq == 4
    page = audit.query(limit=10)
    assert sorted(e.request_id or "" for e in page.entries) == ["first", "q0", "q1", "q3"]


def _disconnect(connection: Connection) -> None:
    """The database going away under an append: its driver connection closes."""
    connection.connection.dbapi_connection.close()  # type: ignore[union-attr]


class Interrupt(BaseException):
    """A BaseException that is not an Exception (as KeyboardInterrupt)."""


@pytest.mark.parametrize("faulty", ["q0", "q1", "q3"])  # first, middle, last of the group
@pytest.mark.parametrize(
    "fault",
    [ValueError("draft not writable"), _disconnect, Interrupt()],
    ids=["error", "disconnect", "interrupt"],
)
def test_a_faulty_append_fails_alone_wherever_it_sits(
    store: Store, faulty: str, fault: Any
) -> None:
    audit = AuditLog(store.engine, KEY)
    _, outcomes = _queued_appends(audit, {faulty: fault})
    expected = StorageUnavailableError if fault is _disconnect else type(fault)
    assert isinstance(outcomes[faulty], expected), outcomes[faulty]
    others = sorted({"first", "q0", "q1", "q2", "q3"} - {faulty})
    assert all(isinstance(outcomes[n], list) for n in others), outcomes
    result = audit.verify()
    assert result.ok and result.checked == 4 and result.head_seq == 4
    page = audit.query(limit=10)
    assert sorted(e.request_id or "" for e in page.entries) == others


def test_a_lone_append_losing_its_connection_is_storage_unavailable(store: Store) -> None:
    audit = AuditLog(store.engine, KEY)
    with pytest.raises(StorageUnavailableError):
        audit.append([decision()], request_id="x", draft_id=None, tenant="t", also=_disconnect)
    # Nothing of it was written, and the log takes the next append.
    audit.append([decision()], request_id="y", draft_id=None, tenant="t")
    result = audit.verify()
    assert result.ok and result.checked == 1


def test_an_append_queued_past_the_lock_timeout_fails_unwritten(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = AuditLog(store.engine, KEY)
    monkeypatch.setattr(audit._group, "_wait_s", 0.3)
    started, release = threading.Event(), threading.Event()

    def hold(connection: Connection) -> None:
        started.set()
        assert release.wait(10)

    first = threading.Thread(
        target=audit.append,
        args=([decision()],),
        kwargs={"request_id": "first", "draft_id": None, "tenant": "t", "also": hold},
    )
    first.start()
    assert started.wait(10)
    began = time.monotonic()
    with pytest.raises(StorageUnavailableError, match="write lock timeout"):
        audit.append([decision()], request_id="late", draft_id=None, tenant="t")
    assert time.monotonic() - began < 3
    release.set()
    first.join(10)
    page = audit.query(limit=10)
    assert [e.request_id for e in page.entries] == ["first"]


def test_write_failure_is_storage_unavailable(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'unmigrated.db'}") as store:
        audit = AuditLog(store.engine, KEY)
        with pytest.raises(StorageUnavailableError) as info:
            audit.append([decision()], request_id=None, draft_id=None, tenant=None)
    assert EMAIL not in str(info.value)


# Queries and export


def test_query_filters_and_paginates(audit: AuditLog, clock: FakeClock) -> None:
    audit.append(
        [decision(), decision(PHONE, "PHONE_NUMBER")], request_id="a", draft_id="drf_a", tenant="k"
    )
    clock.advance(hours=1)
    audit.append(
        [decision(direction="outbound", action="block")] * 3,
        request_id="b",
        draft_id="drf_b",
        tenant="k",
    )
    assert [e.seq for e in audit.query(entity_type="PHONE_NUMBER").entries] == [2]
    assert [e.seq for e in audit.query(draft_id="drf_b").entries] == [3, 4, 5]
    assert [e.seq for e in audit.query(direction="inbound").entries] == [1, 2]
    assert [e.seq for e in audit.query(start=T0 + dt.timedelta(minutes=30)).entries] == [3, 4, 5]
    assert [e.seq for e in audit.query(end=T0 + dt.timedelta(minutes=30)).entries] == [1, 2]
    page = audit.query(limit=2)
    seen = [e.seq for e in page.entries]
    while page.next_cursor:
        page = audit.query(limit=2, cursor=page.next_cursor)
        seen += [e.seq for e in page.entries]
    assert seen == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("kwargs", [{"limit": 0}, {"limit": 5000}, {"cursor": "abc"}])
def test_bad_query_arguments_are_invalid_requests(audit: AuditLog, kwargs: Any) -> None:
    with pytest.raises(InvalidRequestError):
        audit.query(**kwargs)


def test_export_jsonl_and_csv(audit: AuditLog) -> None:
    fill(audit, 3)
    stream = io.StringIO()
    assert audit.export("jsonl", stream) == 3
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["seq"] for line in lines] == [1, 2, 3]
    assert lines[0]["value_hmac"] and "value" not in lines[0]
    stream = io.StringIO()
    assert audit.export("csv", stream) == 3
    rows = stream.getvalue().splitlines()
    assert rows[0].startswith("schema_version,seq,record_id") and len(rows) == 4
    with pytest.raises(InvalidRequestError):
        audit.export("xml", io.StringIO())  # type: ignore[arg-type]


# The key


def test_key_is_generated_once_with_private_mode(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = load_audit_key(settings)
    path = tmp_path / "data" / KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_audit_key(settings).value_hmac(EMAIL) == first.value_hmac(EMAIL)
    assert "secret" in repr(first) and path.read_text().strip() not in repr(first)


def test_configured_key_wins_and_short_keys_are_refused(tmp_path: Path) -> None:
    configured = Settings(data_dir=tmp_path, audit_hmac_key=SecretStr("x" * 32))
    assert load_audit_key(configured).value_hmac(EMAIL) == AuditKey(b"x" * 32).value_hmac(EMAIL)
    assert not (tmp_path / KEY_FILE_NAME).exists()
    with pytest.raises(ConfigurationError):
        load_audit_key(Settings(data_dir=tmp_path, audit_hmac_key=SecretStr("short")))


def test_precomputed_hmac_and_direction_from_action(audit: AuditLog) -> None:
    # The pipeline may fingerprint values itself with audit.value_hmac and pass no value.
    fingerprint = audit.value_hmac(EMAIL)
    precomputed = RedactionDecision(
        entity_type="EMAIL_ADDRESS",
        recognizer="EmailRecognizer",
        score=1.0,
        start=0,
        end=5,
        action="block",
        value_hmac=fingerprint,
    )
    assert precomputed.direction == "outbound"
    entries = audit.append(
        [precomputed, decision(action="restore", direction=None)],
        request_id=None,
        draft_id=None,
        tenant=None,
    )
    assert entries[0].value_hmac == fingerprint == entries[1].value_hmac
    assert [e.direction for e in entries] == ["outbound", "restore"]
    assert audit.verify().ok


# Schema version 2: source and destination, hashed for new records only


def _append_v1(audit: AuditLog, value: str) -> None:
    """A record as written before schema_version 2 (no source/destination in its hash)."""
    from service.storage.audit import _chained

    with audit._locked() as (connection, head):
        fields = audit._decision_fields(decision(value))
        del fields["source"], fields["destination"]
        record = _chained(
            head, T0, schema_version=1, request_id="r0", draft_id="drf_0", tenant="key1", **fields
        )
        audit._write(connection, [record])
    entry = record.entry
    # The v1 hash is the pre-v2 rule: every field the v1 layout had, nothing else.
    data = entry.model_dump(exclude={"hash", "source", "destination"})
    data["timestamp"] = "2026-11-20T09:00:00.000000Z"
    old = hashlib.sha256(
        json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert entry.hash == old


def test_v1_records_then_v2_records_verify(audit: AuditLog) -> None:
    _append_v1(audit, "old1@example.com")
    _append_v1(audit, "old2@example.com")
    new = audit.append(
        [decision(source="thread.messages[0] (customer)", destination="m @ h.example")],
        request_id="r1",
        draft_id="drf_1",
        tenant="acme",
    )
    assert new[0].schema_version == 2 and new[0].destination == "m @ h.example"
    entries = audit.query().entries
    assert [e.schema_version for e in entries] == [1, 1, 2]
    assert entries[0].source is None and entries[2].source == "thread.messages[0] (customer)"
    result = audit.verify()
    assert result.ok and result.checked == 3


@pytest.mark.parametrize("column", ["destination", "source"])
def test_tampering_with_a_v2_field_is_detected(
    audit: AuditLog, db: Connection, column: str
) -> None:
    _append_v1(audit, "old1@example.com")
    audit.append(
        [decision(source="customer.name", destination="m @ h.example")],
        request_id="r1",
        draft_id="drf_1",
        tenant="acme",
    )
    db.execute(update(AuditRow).where(AuditRow.seq == 2).values({column: "none"}))
    db.commit()
    result = audit.verify()
    assert not result.ok and result.first_bad_seq == 2 and "edited" in (result.reason or "")


def test_query_filters_by_source_and_destination(audit: AuditLog) -> None:
    audit.append(
        [
            decision(source="thread.messages[0] (customer)", destination="m @ h.example"),
            decision(PHONE, "PHONE_NUMBER", source="customer.name", destination="m @ h.example"),
            decision(action="block", direction="outbound", source="draft", destination="none"),
        ],
        request_id="r1",
        draft_id="drf_1",
        tenant="acme",
    )
    by_source = audit.query(source="customer.name").entries
    assert [e.entity_type for e in by_source] == ["PHONE_NUMBER"]
    assert len(audit.query(destination="m @ h.example").entries) == 2
    assert [e.action for e in audit.query(destination="none").entries] == ["block"]


def test_export_carries_source_and_destination(audit: AuditLog) -> None:
    audit.append(
        [decision(source="knowledge_base[kb-1]", destination="m @ h.example")],
        request_id="r1",
        draft_id="drf_1",
        tenant="acme",
    )
    out = io.StringIO()
    audit.export("jsonl", out)
    record = json.loads(out.getvalue().splitlines()[0])
    assert record["source"] == "knowledge_base[kb-1]" and record["destination"] == "m @ h.example"
    out = io.StringIO()
    audit.export("csv", out)
    header, row = out.getvalue().splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    assert columns["source"] == "knowledge_base[kb-1]" and columns["destination"] == "m @ h.example"


def test_allow_records_are_outbound_and_verify(audit: AuditLog) -> None:
    entries = audit.append(
        [decision(action="allow", direction=None, source="draft", destination="none")],
        request_id="r1",
        draft_id="drf_1",
        tenant="acme",
    )
    assert entries[0].action == "allow" and entries[0].direction == "outbound"
    assert audit.query(direction="outbound").entries[0].action == "allow"
    assert audit.verify().ok


def test_written_rows_and_hashes_follow_the_one_dump_rules(
    audit: AuditLog, db: Connection, clock: FakeClock
) -> None:
    """Appends and checkpoints write each record from one dump (``hash_of_dump``,
    ``row_of_dump``): the stored row is ``to_row`` of the returned record, its hash is
    ``compute_hash``, and both helpers agree with those rules on a schema_version 1 record."""
    from service.storage.audit_models import AuditEntry, compute_hash, hash_of_dump
    from service.storage.audit_rows import row_of_dump, to_entry, to_row

    written = audit.append(
        [decision(), decision(PHONE, "PHONE_NUMBER", source="thread.subject")],
        request_id="r1",
        draft_id="d1",
        tenant="acme",
    )
    clock.advance(days=2)
    fill(audit, 1)
    checkpoint = audit.purge(T0 + dt.timedelta(days=1)).checkpoint
    assert checkpoint is not None and checkpoint.checkpoint is not None
    stored = db.execute(select(AuditRow).where(AuditRow.seq == checkpoint.seq)).mappings().one()
    assert compute_hash(checkpoint) == checkpoint.hash == to_entry(stored).hash
    row = {k: v for k, v in to_row(checkpoint).items() if k != "recorded_at"}  # tz per backend
    assert {k: stored[k] for k in row} == row
    assert [compute_hash(e) == e.hash for e in written] == [True, True]

    def documented(entry: AuditEntry, left_out: set[str]) -> str:
        # The module docstring's rule, written out: every other field, sorted, compact JSON.
        data = {k: v for k, v in entry.model_dump().items() if k not in left_out}
        data["timestamp"] = entry.timestamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()

    v1 = AuditEntry.model_validate({**written[1].model_dump(), "schema_version": 1})
    assert hash_of_dump(v1.model_dump()) == documented(v1, {"hash", "source", "destination"})
    assert written[1].hash == documented(written[1], {"hash"}) != compute_hash(v1)
    cp_row = row_of_dump(checkpoint.model_dump())
    assert cp_row["cp_count"] == checkpoint.checkpoint.purged_count == 2
    assert cp_row["cp_signature"] == checkpoint.checkpoint.signature
    assert "checkpoint" not in cp_row and cp_row["span_end"] is None
    assert audit.verify().ok
