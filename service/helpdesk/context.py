"""The helpdesk stores built once per process from the settings and the runtime's database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from service.helpdesk.secret_box import load_secret_box
from service.settings import Settings
from service.storage.helpdesk import DeliveryStore, IntegrationStore


@dataclass(frozen=True)
class HelpdeskStores:
    """Integrations (secrets sealed) and deliveries."""

    integrations: IntegrationStore
    deliveries: DeliveryStore

    @classmethod
    def build(cls, settings: Settings, engine: Engine) -> HelpdeskStores:
        """Stores on ``engine`` with the configured secrets key."""
        return cls(
            integrations=IntegrationStore(engine, load_secret_box(settings)),
            deliveries=DeliveryStore(engine),
        )
