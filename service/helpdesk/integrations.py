"""What an admin configures per helpdesk: base URL, API credentials, webhook signing secret."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from service.models.storable import StorableModel

Vendor = Literal["zendesk", "freshdesk", "helpscout", "front"]
VENDORS: tuple[str, ...] = get_args(Vendor)

# The credential fields each vendor's API authentication needs (see README, one section each).
CREDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    "zendesk": ("email", "api_token"),  # Basic {email}/token:{api_token}
    "freshdesk": ("api_key",),  # Basic {api_key}:X
    "helpscout": ("app_id", "app_secret"),  # OAuth2 client credentials
    "front": ("api_token",),  # Bearer; optional channel_id, author_id
}


class IntegrationSettings(StorableModel):
    """An integration as an admin sends it (``PUT /v1/integrations/{vendor}``, the CLI)."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = Field(
        max_length=500, description="The helpdesk API's base URL, e.g. https://acme.zendesk.com."
    )
    credentials: dict[str, SecretStr] = Field(max_length=10)
    signing_secret: SecretStr = Field(description="The webhook signing secret (or shared secret).")

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("base_url must start with https:// or http://")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _secret_not_empty(self) -> IntegrationSettings:
        if not self.signing_secret.get_secret_value():
            raise ValueError("signing_secret must not be empty")
        return self

    def check_credentials(self, vendor: str) -> None:
        """Raise ValueError naming the credential fields ``vendor`` needs and did not get."""
        missing = [
            f
            for f in CREDENTIAL_FIELDS[vendor]
            if not self.credentials.get(f, SecretStr("")).get_secret_value()
        ]
        if missing:
            raise ValueError(f"{vendor} credentials need: {', '.join(missing)}")


class Integration(BaseModel):
    """A stored integration with its secrets decrypted (worker and receivers only)."""

    vendor: Vendor
    base_url: str
    credentials: dict[str, SecretStr]
    signing_secret: SecretStr

    def credential(self, name: str) -> str:
        """One credential's value (for building the vendor's Authorization header)."""
        return self.credentials[name].get_secret_value()

    def optional_credential(self, name: str) -> str | None:
        """An optional credential's value, or None when it is not set."""
        value = self.credentials.get(name)
        return value.get_secret_value() or None if value is not None else None


class IntegrationView(BaseModel):
    """What the API and CLI show of an integration: never a secret."""

    vendor: Vendor
    base_url: str
    credential_fields: list[str]
    signing_secret_set: bool
    webhook_path: str
