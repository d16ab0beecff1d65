"""Helpdesk integrations and deliveries, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from service.errors import ConfigurationError, NotFoundError
from service.helpdesk.integrations import IntegrationSettings
from service.helpdesk.secret_box import load_secret_box
from service.settings import Settings
from service.storage import Store
from service.storage.helpdesk import DeliveryStore, IntegrationStore, delivery_visible_to
from service.storage.tables import HelpdeskIntegrationRow


@pytest.fixture
def integrations(store: Store, tmp_path: Path) -> IntegrationStore:
    return IntegrationStore(store.engine, load_secret_box(Settings(data_dir=tmp_path)))


def _zendesk() -> IntegrationSettings:
    return IntegrationSettings(
        base_url="https://acme.zendesk.com/",
        credentials={"email": SecretStr("admin@acme.com"), "api_token": SecretStr("tok-SECRET")},
        signing_secret=SecretStr("sign-SECRET"),
    )


def test_integration_round_trip_with_secrets_sealed(
    integrations: IntegrationStore, store: Store
) -> None:
    view = integrations.put("zendesk", _zendesk())
    assert view.base_url == "https://acme.zendesk.com"
    assert view.credential_fields == ["api_token", "email"]
    assert "SECRET" not in view.model_dump_json()
    with store.engine.connect() as connection:
        row = connection.execute(select(HelpdeskIntegrationRow)).one()
    assert "SECRET" not in f"{row.credentials_enc}{row.signing_secret_enc}"
    integration = integrations.get("zendesk")
    assert integration.credential("api_token") == "tok-SECRET"
    assert integration.signing_secret.get_secret_value() == "sign-SECRET"


def test_integration_replace_list_remove(integrations: IntegrationStore) -> None:
    integrations.put("zendesk", _zendesk())
    integrations.put("zendesk", _zendesk().model_copy(update={"base_url": "https://b.example"}))
    assert [v.base_url for v in integrations.list()] == ["https://b.example"]
    integrations.remove("zendesk")
    assert integrations.list() == []
    with pytest.raises(NotFoundError):
        integrations.get("zendesk")
    with pytest.raises(NotFoundError):
        integrations.remove("zendesk")


def test_a_delivery_keeps_the_tenant_it_came_in_for(store: Store) -> None:
    # The helpdesk tenant of the moment is stored: a later setting must not hand it on (there
    # was no column, so whoever the setting named read every delivery).
    deliveries = DeliveryStore(store.engine)
    first, _ = deliveries.open("zendesk", "evt-t", "35436", tenant="acme")
    again, new = deliveries.open("zendesk", "evt-t", "35436", tenant="globex")
    assert not new and again.id == first.id
    assert deliveries.get(first.id).tenant == "acme" == again.tenant
    assert deliveries.get(first.id).owner("globex") == "acme"
    assert delivery_visible_to(first, "acme", "globex")
    assert not delivery_visible_to(first, "globex", "globex")
    assert delivery_visible_to(first, None, "globex")  # admins


def test_a_delivery_stored_before_tenants_is_the_helpdesk_tenants_of_the_day(store: Store) -> None:
    deliveries = DeliveryStore(store.engine)
    legacy, _ = deliveries.open("zendesk", "evt-old", "35436", tenant="acme")
    legacy = deliveries.update(legacy.id, tenant=None)
    assert legacy.owner("globex") == "globex"
    assert delivery_visible_to(legacy, "globex", "globex")
    assert not delivery_visible_to(legacy, "acme", "globex")


def test_a_delivery_with_no_tenant_takes_its_drafts_tenant_when_drafted(store: Store) -> None:
    # Queued when 0009 gave deliveries a tenant (no draft to take one from): drafted later,
    # it stayed null, read as whatever tenant the setting named next, apart from its draft.
    deliveries = DeliveryStore(store.engine)
    queued, _ = deliveries.open("zendesk", "evt-queued", "35436", tenant="acme")
    queued = deliveries.update(queued.id, tenant=None)
    with store.engine.begin() as connection:
        DeliveryStore.record_draft(connection, queued.id, "d_queued", tenant="acme")
    drafted = deliveries.get(queued.id)
    assert (drafted.status, drafted.tenant) == ("drafted", "acme")
    assert drafted.owner("globex") == "acme"
    # The negative: a delivery that has a tenant keeps it.
    kept, _ = deliveries.open("zendesk", "evt-kept", "35437", tenant="acme")
    with store.engine.begin() as connection:
        DeliveryStore.record_draft(connection, kept.id, "d_kept", tenant="globex")
    assert deliveries.get(kept.id).tenant == "acme"


def test_a_different_key_cannot_open_the_secrets(
    integrations: IntegrationStore, store: Store, tmp_path: Path
) -> None:
    integrations.put("front", _zendesk())
    other = IntegrationStore(store.engine, load_secret_box(Settings(data_dir=tmp_path / "other")))
    with pytest.raises(ConfigurationError, match="secrets key changed"):
        other.get("front")


def test_delivery_is_opened_once_per_event(store: Store) -> None:
    deliveries = DeliveryStore(store.engine)
    first, new = deliveries.open("zendesk", "evt-1", "35436", tenant="default")
    again, new_again = deliveries.open("zendesk", "evt-1", "35436", tenant="default")
    other, other_new = deliveries.open("front", "evt-1", "cnv_1", tenant="default")
    assert new and not new_again and other_new
    assert again.id == first.id != other.id
    assert (first.status, first.attempts, first.draft_id) == ("queued", 0, None)


def test_delivery_updates_and_lookup_by_draft(store: Store) -> None:
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("freshdesk", "sha256:abc", "20", tenant="default")
    deliveries.update(delivery.id, draft_id="d_1", status="drafted")
    done = deliveries.update(delivery.id, status="delivered", attempts=2, vendor_ref="5001")
    assert (done.status, done.attempts, done.vendor_ref) == ("delivered", 2, "5001")
    assert done.updated_at >= done.created_at
    assert [d.id for d in deliveries.for_draft("d_1")] == [delivery.id]
    assert deliveries.for_draft("d_2") == []
    with pytest.raises(NotFoundError):
        deliveries.get("nope")


@pytest.mark.parametrize("final", ["failed", "delivered"])
def test_a_draft_recorded_late_does_not_reopen_a_final_delivery(store: Store, final: str) -> None:
    # A draft's write that lands after its attempt was recorded as the last one keeps the
    # delivery final (a reopened delivery would wait for the next worker start).
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "evt-late", "35436", tenant="default")
    deliveries.update(delivery.id, status=final, attempts=5)
    with store.engine.begin() as connection:
        DeliveryStore.record_draft(connection, delivery.id, "d_late", tenant="default")
    late = deliveries.get(delivery.id)
    assert (late.status, late.draft_id) == (final, "d_late")


def test_a_draft_recorded_on_an_open_delivery_marks_it_drafted(store: Store) -> None:
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "evt-open", "35436", tenant="default")
    with store.engine.begin() as connection:
        DeliveryStore.record_draft(connection, delivery.id, "d_open", tenant="default")
    assert (deliveries.get(delivery.id).status, deliveries.get(delivery.id).draft_id) == (
        "drafted",
        "d_open",
    )


@pytest.mark.parametrize("final", ["delivered", "failed", "ignored"])
def test_giving_up_never_reopens_or_overwrites_a_final_delivery(store: Store, final: str) -> None:
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", f"event-{final}", "ticket-1", tenant="default")
    deliveries.update(delivery.id, status=final, attempts=2, last_error=None)
    assert deliveries.fail_unfinished(
        delivery.id, "HTTP 500", attempts=3, last_http_status=500
    ) == (final)
    after = deliveries.get(delivery.id)
    assert (after.status, after.attempts, after.last_error) == (final, 2, None)


@pytest.mark.parametrize("final", ["delivered", "failed", "ignored"])
def test_a_failure_is_never_written_over_a_final_delivery(store: Store, final: str) -> None:
    # A job's retry bookkeeping after another run made the row final.
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", f"event-{final}", "ticket-1", tenant="default")
    deliveries.update(delivery.id, status=final, attempts=2, vendor_ref="note-1")
    assert deliveries.update_unfinished(delivery.id, attempts=3, last_error="HTTP 500") == final
    after = deliveries.get(delivery.id)
    assert (after.status, after.attempts, after.vendor_ref, after.last_error) == (
        final,
        2,
        "note-1",
        None,
    )


@pytest.mark.parametrize("final", ["delivered", "ignored"])
def test_a_delivery_is_never_written_over_another_delivery(store: Store, final: str) -> None:
    # Two runs posted a note: the first one's record (its vendor reference) stands.
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", f"event-{final}", "ticket-1", tenant="default")
    deliveries.update(delivery.id, status=final, attempts=2, vendor_ref="note-1")
    assert deliveries.deliver(delivery.id, attempts=3, vendor_ref="note-2", draft_id="d2") == final
    after = deliveries.get(delivery.id)
    assert (after.status, after.attempts, after.vendor_ref) == (final, 2, "note-1")
    assert after.draft_id is None  # not the losing run's draft either


@pytest.mark.parametrize("attempts", [1, 5])
def test_a_delivery_is_written_over_a_run_that_gave_up(store: Store, attempts: int) -> None:
    # Run B gave up (failed, attempt 3) while run A posted its note: the note is in the
    # helpdesk, so "delivered" and its vendor reference win; the attempt count never drops.
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "event-gave-up", "ticket-1", tenant="default")
    deliveries.fail_unfinished(delivery.id, "HTTP 500", attempts=3, last_http_status=500)
    assert (
        deliveries.deliver(delivery.id, attempts=attempts, vendor_ref="note-A", draft_id="dA")
        is None
    )
    after = deliveries.get(delivery.id)
    assert (after.status, after.attempts, after.vendor_ref) == (
        "delivered",
        max(3, attempts),
        "note-A",
    )
    assert (after.last_http_status, after.last_error) == (None, None)


def test_delivered_is_written_only_by_deliver(store: Store) -> None:
    # One rule per outcome: update_unfinished would refuse to write over "failed".
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "event-x", "ticket-1", tenant="default")
    with pytest.raises(ValueError, match="deliver"):
        deliveries.update_unfinished(delivery.id, status="delivered", vendor_ref="n")
    assert deliveries.get(delivery.id).status == "queued"


@pytest.mark.parametrize("unfinished", ["queued", "drafted"])
def test_an_outcome_is_written_on_an_unfinished_delivery(store: Store, unfinished: str) -> None:
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "event-open", "ticket-1", tenant="default")
    deliveries.update(delivery.id, status=unfinished)
    assert deliveries.update_unfinished(delivery.id, attempts=1, last_error="HTTP 500") is None
    assert deliveries.deliver(delivery.id, attempts=2, vendor_ref="n", draft_id="d") is None
    after = deliveries.get(delivery.id)
    assert (after.status, after.attempts, after.vendor_ref) == ("delivered", 2, "n")
    assert after.last_error is None
    with pytest.raises(NotFoundError):
        deliveries.update_unfinished("nope", attempts=1)
    with pytest.raises(NotFoundError):
        deliveries.deliver("nope", attempts=1, vendor_ref="n", draft_id="d")


def test_giving_up_fails_an_unfinished_delivery_with_its_attempt(store: Store) -> None:
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "event-1", "ticket-1", tenant="default")
    assert (
        deliveries.fail_unfinished(delivery.id, "HTTP 500", attempts=1, last_http_status=500)
        is None
    )
    after = deliveries.get(delivery.id)
    assert (after.status, after.attempts, after.last_http_status) == ("failed", 1, 500)
    assert after.last_error == "HTTP 500"


def _record(store: Store, delivery_id: str, draft_id: str) -> None:
    """A run's draft recorded on the delivery, in a transaction as the draft's own would be."""
    with store.engine.begin() as connection:
        DeliveryStore.record_draft(connection, delivery_id, draft_id, tenant="default")


def test_delivered_names_the_draft_whose_note_was_posted(store: Store) -> None:
    # Run A drafted "draft-A" and posted its note; run B recorded "draft-B" meanwhile (and a
    # run C's draft lands after the delivery): the delivery names draft-A, the draft whose
    # review link is in the helpdesk, and is listed under it (it named draft-B, then draft-C).
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", "event-race", "ticket-1", tenant="default")
    _record(store, delivery.id, "draft-A")
    _record(store, delivery.id, "draft-B")
    assert deliveries.deliver(delivery.id, attempts=1, vendor_ref="n", draft_id="draft-A") is None
    _record(store, delivery.id, "draft-C")
    after = deliveries.get(delivery.id)
    assert (after.status, after.draft_id) == ("delivered", "draft-A")
    assert [d.id for d in deliveries.for_draft("draft-A")] == [delivery.id]
    assert deliveries.for_draft("draft-B") == deliveries.for_draft("draft-C") == []


@pytest.mark.parametrize("status", ["queued", "drafted", "failed"])
def test_a_late_draft_is_recorded_on_a_delivery_not_delivered(store: Store, status: str) -> None:
    # Negative: only a delivered row keeps its draft; elsewhere the latest draft is the one a
    # retry delivers (or, failed, the one left for the agent), and the status never reopens.
    deliveries = DeliveryStore(store.engine)
    delivery, _ = deliveries.open("zendesk", f"event-{status}", "ticket-1", tenant="default")
    deliveries.update(delivery.id, status=status, draft_id="draft-1")
    _record(store, delivery.id, "draft-2")
    after = deliveries.get(delivery.id)
    expected = "failed" if status == "failed" else "drafted"
    assert (after.status, after.draft_id) == (expected, "draft-2")
