"""Helpdesk integrations (secrets sealed) and webhook deliveries, in the service's database."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr
from sqlalchemy import Connection, Engine, case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from service.errors import NotFoundError
from service.helpdesk.integrations import Integration, IntegrationSettings, IntegrationView
from service.helpdesk.secret_box import SecretBox
from service.storage.store import utc_now
from service.storage.tables import HelpdeskDeliveryRow, HelpdeskIntegrationRow


class IntegrationStore:
    """Create, read and remove integrations; secrets are sealed before they are written."""

    def __init__(self, engine: Engine, box: SecretBox) -> None:
        self._engine = engine
        self._box = box

    def put(self, vendor: str, settings: IntegrationSettings) -> IntegrationView:
        """Store (or replace) ``vendor``'s integration; returns the secret-free view."""
        credentials = {k: v.get_secret_value() for k, v in settings.credentials.items()}
        values = {
            "base_url": settings.base_url,
            "credentials_enc": self._box.seal(json.dumps(credentials)),
            "signing_secret_enc": self._box.seal(settings.signing_secret.get_secret_value()),
            "updated_at": utc_now(),
        }
        with self._engine.begin() as connection:
            connection.execute(
                delete(HelpdeskIntegrationRow).where(HelpdeskIntegrationRow.vendor == vendor)
            )
            connection.execute(insert(HelpdeskIntegrationRow).values(vendor=vendor, **values))
        return self.view(vendor)

    def _row(self, vendor: str) -> Any:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(HelpdeskIntegrationRow).where(HelpdeskIntegrationRow.vendor == vendor)
            ).first()
        if row is None:
            raise NotFoundError(f"no {vendor} integration is configured")
        return row

    def get(self, vendor: str) -> Integration:
        """The integration with its secrets opened; NotFoundError if none."""
        row = self._row(vendor)
        credentials = json.loads(self._box.open(row.credentials_enc))
        return Integration(
            vendor=row.vendor,
            base_url=row.base_url,
            credentials={k: SecretStr(v) for k, v in credentials.items()},
            signing_secret=SecretStr(self._box.open(row.signing_secret_enc)),
        )

    def view(self, vendor: str) -> IntegrationView:
        """What may be shown of ``vendor``'s integration (no secret, only field names)."""
        row = self._row(vendor)
        return IntegrationView(
            vendor=row.vendor,
            base_url=row.base_url,
            credential_fields=sorted(json.loads(self._box.open(row.credentials_enc))),
            signing_secret_set=True,
            webhook_path=f"/v1/hooks/{row.vendor}",
        )

    def list(self) -> list[IntegrationView]:
        """Every configured integration, by vendor."""
        with self._engine.connect() as connection:
            vendors = connection.execute(
                select(HelpdeskIntegrationRow.vendor).order_by(HelpdeskIntegrationRow.vendor)
            ).scalars()
            names = list(vendors)
        return [self.view(v) for v in names]

    def remove(self, vendor: str) -> None:
        """Delete ``vendor``'s integration; NotFoundError if none."""
        with self._engine.begin() as connection:
            result = connection.execute(
                delete(HelpdeskIntegrationRow).where(HelpdeskIntegrationRow.vendor == vendor)
            )
        if not result.rowcount:
            raise NotFoundError(f"no {vendor} integration is configured")


def delivery_visible_to(delivery: Delivery, tenant_scope: str | None, helpdesk_tenant: str) -> bool:
    """Whether a caller scoped to ``tenant_scope`` (None: an admin) may read ``delivery``.

    Integrations are configured by an admin for the whole deployment, so a webhook's draft
    and delivery belong to the helpdesk tenant (``Settings.helpdesk_tenant``; per-tenant
    integrations are not built yet) of the moment the event came in, stored on the delivery:
    changing the setting no longer hands existing deliveries to the new tenant. A delivery
    stored before the column with no draft to take it from is the current helpdesk tenant's.
    """
    return tenant_scope is None or tenant_scope == delivery.owner(helpdesk_tenant)


# A delivery in one of these is done with: no job runs it again.
FINAL_STATUSES = frozenset({"delivered", "failed", "ignored"})
# A delivery in one of these still has a job to run; a job's failure bookkeeping is written
# only over these (:meth:`DeliveryStore.update_unfinished`).
UNFINISHED_STATUSES = ("queued", "drafted")
# A note posted to the helpdesk is the true outcome: "delivered" is written over these, a run
# that gave up ("failed") included, never over another delivery (:meth:`DeliveryStore.deliver`).
DELIVERABLE_STATUSES = (*UNFINISHED_STATUSES, "failed")


@dataclass(frozen=True)
class Delivery:
    """One webhook event's delivery record."""

    id: str
    vendor: str
    event_key: str
    ticket_id: str
    status: str
    attempts: int
    draft_id: str | None
    last_http_status: int | None
    last_error: str | None
    vendor_ref: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    tenant: str | None

    def owner(self, helpdesk_tenant: str) -> str:
        """The tenant the delivery (and its draft) belongs to.

        ``helpdesk_tenant`` (the setting now, as before) for a delivery stored before
        deliveries kept their tenant.
        """
        return self.tenant if self.tenant is not None else helpdesk_tenant

    def public(self) -> dict[str, Any]:
        """The JSON the API shows."""
        return {
            "delivery_id": self.id,
            "vendor": self.vendor,
            "ticket_id": self.ticket_id,
            "status": self.status,
            "attempts": self.attempts,
            "draft_id": self.draft_id,
            "last_http_status": self.last_http_status,
            "last_error": self.last_error,
            "vendor_ref": self.vendor_ref,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


class DeliveryStore:
    """Webhook deliveries: one per (vendor, event key), so a repeated event is recognised."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def open(
        self, vendor: str, event_key: str, ticket_id: str, *, tenant: str
    ) -> tuple[Delivery, bool]:
        """The delivery for this event, and whether it is new (False: a duplicate event).

        ``tenant`` is the helpdesk tenant now: a duplicate keeps the tenant it came in for.
        """
        now = utc_now()
        delivery_id = uuid.uuid4().hex
        row = {
            "id": delivery_id,
            "vendor": vendor,
            "event_key": event_key,
            "ticket_id": ticket_id,
            "status": "queued",
            "attempts": 0,
            "tenant": tenant,
            "created_at": now,
            "updated_at": now,
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(HelpdeskDeliveryRow).values(**row))
        except IntegrityError:
            return self._by_event(vendor, event_key), False
        return self.get(delivery_id), True

    def _by_event(self, vendor: str, event_key: str) -> Delivery:
        query = select(HelpdeskDeliveryRow).where(
            HelpdeskDeliveryRow.vendor == vendor, HelpdeskDeliveryRow.event_key == event_key
        )
        return self._one(query)

    def get(self, delivery_id: str) -> Delivery:
        """One delivery; NotFoundError if unknown."""
        return self._one(select(HelpdeskDeliveryRow).where(HelpdeskDeliveryRow.id == delivery_id))

    def for_draft(self, draft_id: str) -> list[Delivery]:
        """The deliveries of one draft (normally one)."""
        query = select(HelpdeskDeliveryRow).where(HelpdeskDeliveryRow.draft_id == draft_id)
        with self._engine.connect() as connection:
            rows = connection.execute(query.order_by(HelpdeskDeliveryRow.created_at)).all()
        return [_delivery(r) for r in rows]

    def pending(self, limit: int = 1000) -> list[Delivery]:
        """Deliveries not yet finished (queued or drafted), oldest first."""
        query = (
            select(HelpdeskDeliveryRow)
            .where(HelpdeskDeliveryRow.status.in_(UNFINISHED_STATUSES))
            .order_by(HelpdeskDeliveryRow.created_at)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [_delivery(r) for r in connection.execute(query).all()]

    def _one(self, query: Any) -> Delivery:
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NotFoundError("delivery not found")
        return _delivery(row)

    def update(self, delivery_id: str, **values: Any) -> Delivery:
        """Set columns of one delivery whatever its status: for tests and admin repair only.

        A job never calls this: its outcome goes through :meth:`deliver`,
        :meth:`update_unfinished` or :meth:`fail_unfinished`, which never overwrite a delivery
        another run made final.
        """
        with self._engine.begin() as connection:
            self.update_in(connection, delivery_id, **values)
        return self.get(delivery_id)

    def deliver(
        self, delivery_id: str, *, attempts: int, vendor_ref: str | None, draft_id: str
    ) -> str | None:
        """Record the delivery as delivered, with the note's vendor reference and draft.

        ``draft_id`` is the draft the posted note carries, written with the outcome: another
        run of the same delivery may have recorded its own draft meanwhile
        (:meth:`record_draft`), and the delivery must name the draft whose review link is in
        the helpdesk (``GET /v1/drafts/{id}/deliveries`` lists it under that draft).

        Written over an unfinished delivery and over a failed one: a run that gave up while this
        one posted the note recorded the wrong outcome, and the note is in the helpdesk (losing
        its reference would hide it). Never over a delivery already delivered (or ignored):
        that run's record stands. ``attempts`` never decreases. Returns None when written here,
        else the status the row holds (:meth:`_update_if`).
        """
        kept_attempts = case(
            (HelpdeskDeliveryRow.attempts > attempts, HelpdeskDeliveryRow.attempts),
            else_=attempts,
        )
        return self._update_if(
            delivery_id,
            DELIVERABLE_STATUSES,
            status="delivered",
            attempts=kept_attempts,
            vendor_ref=vendor_ref,
            draft_id=draft_id,
            last_http_status=None,
            last_error=None,
        )

    def update_unfinished(self, delivery_id: str, **values: Any) -> str | None:
        """Set columns of a delivery only while it is unfinished (queued or drafted).

        For a job's failure bookkeeping (a failed attempt, given up): a delivery another run
        made final meanwhile is left as it is, never reopened or overwritten. "delivered" is
        written by :meth:`deliver` only (its rule differs). Returns None when written here,
        else the final status the row holds (:meth:`_update_if`).
        """
        if values.get("status") == "delivered":
            raise ValueError("a delivery is recorded by DeliveryStore.deliver")
        return self._update_if(delivery_id, UNFINISHED_STATUSES, **values)

    def _update_if(self, delivery_id: str, statuses: tuple[str, ...], **values: Any) -> str | None:
        """Set columns of a delivery only while its status is one of ``statuses``.

        The check and the write are one conditional UPDATE, so a concurrent run cannot slip in
        between (on PostgreSQL an UPDATE waiting on another's row lock re-checks the condition
        on the row that run committed). Returns None when written here, else the status the
        row holds (read in the same transaction); NotFoundError if there is no such delivery.
        """
        with self._engine.begin() as connection:
            result = connection.execute(
                update(HelpdeskDeliveryRow)
                .where(
                    HelpdeskDeliveryRow.id == delivery_id,
                    HelpdeskDeliveryRow.status.in_(statuses),
                )
                .values(updated_at=utc_now(), **values)
            )
            if result.rowcount == 1:
                return None
            status = connection.execute(
                select(HelpdeskDeliveryRow.status).where(HelpdeskDeliveryRow.id == delivery_id)
            ).scalar_one_or_none()
        if status is None:
            raise NotFoundError("delivery not found")
        return str(status)

    def fail_unfinished(self, delivery_id: str, reason: str, **values: Any) -> str | None:
        """Record an unfinished delivery as failed (:meth:`update_unfinished`'s rule and answer).

        For a job that gives up (its last try, or the database cannot even return the delivery
        in time). ``values`` are further columns to set with it (attempts, HTTP status).
        """
        return self.update_unfinished(delivery_id, status="failed", last_error=reason, **values)

    @staticmethod
    def update_in(connection: Connection, delivery_id: str, **values: Any) -> None:
        """``update`` in the caller's open transaction."""
        connection.execute(
            update(HelpdeskDeliveryRow)
            .where(HelpdeskDeliveryRow.id == delivery_id)
            .values(updated_at=utc_now(), **values)
        )

    @classmethod
    def record_draft(
        cls, connection: Connection, delivery_id: str, draft_id: str, *, tenant: str
    ) -> None:
        """Record the delivery's draft, in the transaction that stores the draft.

        ``tenant`` is the draft's: a delivery with none (queued when 0009 gave deliveries a
        tenant, so it had no draft to take one from) takes it; a stored tenant is kept. The
        delivery stayed null, read as whichever tenant the setting named later, while its
        draft stayed with the tenant it was made for.

        The status becomes ``drafted`` unless the delivery is already final: a write that
        lands after its attempt timed out and was recorded as the last one must not reopen it.
        A delivered one keeps its draft too: that draft's note is in the helpdesk (another
        run's draft landing late would otherwise take its place); only a delivered row that
        names no draft (recorded before deliveries named theirs) takes it.
        """
        status = case(
            (HelpdeskDeliveryRow.status.in_(sorted(FINAL_STATUSES)), HelpdeskDeliveryRow.status),
            else_="drafted",
        )
        kept_draft = case(
            (
                (HelpdeskDeliveryRow.status == "delivered")
                & HelpdeskDeliveryRow.draft_id.is_not(None),
                HelpdeskDeliveryRow.draft_id,
            ),
            else_=draft_id,
        )
        cls.update_in(
            connection,
            delivery_id,
            draft_id=kept_draft,
            status=status,
            tenant=func.coalesce(HelpdeskDeliveryRow.tenant, tenant),
        )


def _delivery(row: Any) -> Delivery:
    mapping = row._mapping
    return Delivery(**{f: mapping[f] for f in Delivery.__dataclass_fields__})
