"""All operator settings, read from ``REPLYDRAFT_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.errors import ConfigurationError, InvalidRequestError
from service.tenancy import DEFAULT_TENANT, checked_tenant


class Settings(BaseSettings):
    """replydraft configuration. Every field is ``REPLYDRAFT_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="REPLYDRAFT_", extra="ignore")

    # Model backend
    llm_model: str | None = Field(
        default=None, description="litellm model name (e.g. openai/gpt-4o-mini); unset = offline."
    )
    llm_api_base: str | None = Field(default=None, description="Base URL of the provider/server.")
    llm_preset: Literal["ollama", "llamacpp", "vllm"] | None = Field(
        default=None,
        description="A local server's default base URL (service/backends/presets.py); "
        "no API key needed. llm_api_base overrides it.",
    )
    llm_api_key: SecretStr | None = Field(default=None, description="API key for the provider.")
    llm_fallback_models: list[str] = Field(
        default_factory=list, description="Models tried in order when the main one fails."
    )
    llm_allowed_models: list[str] | None = Field(
        default=None,
        description="Models a request's `model` may name (JSON list); unset = the configured "
        "model, its fallbacks and offline.",
    )
    llm_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="Longest wait for a draft's first token and between tokens (one attempt).",
    )
    llm_deadline_s: float = Field(
        default=120.0, gt=0, description="Longest a whole draft may take, attempts included."
    )
    llm_stream: bool = Field(
        default=True,
        description="Stream drafts from the model (a per-token timeout and time to first "
        "token). Off: one answer per call, bounded by llm_timeout_s as a whole; the per-chunk "
        "parsing (~0.1 ms CPU a token from an OpenAI-compatible server, ~0.5 ms through "
        "litellm's stream wrapper for other providers) is saved, for hosted APIs under load.",
    )
    llm_breaker_threshold: int = Field(
        default=5, ge=1, description="Consecutive failed calls that open a model's breaker."
    )
    llm_breaker_cooldown_s: float = Field(
        default=30.0, gt=0, description="How long an open breaker skips its model."
    )
    llm_breaker_store_cooldown_s: float = Field(
        default=5.0,
        gt=0,
        description="With redis_url set: after a breaker call to Redis is refused a connection "
        "or two calls in a row time out, how long this process skips Redis before one call "
        "probes it again (meanwhile every call is admitted, failures and answers are not counted "
        "and breakers show unknown). A hung Redis then costs a timeout per period, not per call.",
    )
    llm_max_attempts: int = Field(default=3, ge=1, le=10, description="Attempts per model.")
    llm_backoff_max_s: float = Field(default=20.0, gt=0, description="Longest wait between tries.")
    llm_temperature: float = Field(default=0.2, ge=0, le=2)
    llm_max_tokens: int = Field(default=1024, ge=16)

    # Storage
    database_url: str = Field(
        default="sqlite:///replydraft.db",
        description="SQLAlchemy URL; PostgreSQL: postgresql+psycopg://user@host:5432/db.",
    )
    retention_days: int = Field(default=90, ge=1, description="Days drafts are kept.")
    data_dir: Path = Field(default=Path("."), description="Where relative SQLite files live.")
    audit_hmac_key: SecretStr | None = Field(
        default=None,
        description="Key of the audit log's value HMACs and signatures; unset = a generated key "
        "kept in data_dir/replydraft-audit.key (mode 0600).",
    )

    # Retrieval and guardrails
    retrieval_top_k: int = Field(default=4, ge=1, le=20)
    stale_article_days: int = Field(default=180, ge=1)
    link_allow_list: list[str] = Field(
        default_factory=list, description="Hosts a draft may link to besides KB URLs."
    )
    guardrails: list[str] | None = Field(
        default=None, description="Guardrail names to run; unset = all registered."
    )
    spacy_model: str | None = Field(
        default=None,
        description="An installed spaCy pipeline (name or path) adding English PERSON detection.",
    )
    name_cache_dir: Path | None = Field(
        default=None, description="Where the compact name table is built; unset = ~/.cache."
    )
    question_judge: str = Field(default="lexical", description="lexical | llm")
    question_judge_model: str | None = Field(
        default=None, description="litellm model of the llm judge; unset = llm_model."
    )
    judge_max_tokens: int = Field(
        default=768, ge=16, description="Token limit of an LLM judge's answer (question, rubric)."
    )
    judge_timeout_s: float = Field(default=30.0, gt=0, description="Timeout of one judge attempt.")
    judge_max_attempts: int = Field(default=2, ge=1, le=10, description="Attempts per judgement.")

    # Limits
    max_thread_chars: int = Field(default=100_000, ge=1_000)
    max_messages: int = Field(default=200, ge=1)
    max_articles: int = Field(default=500, ge=1)
    max_body_bytes: int = Field(
        default=2_000_000, ge=10_000, description="Largest request body, however it is sent."
    )

    # Server
    log_level: str = Field(default="INFO")
    redis_url: str | None = Field(
        default=None,
        description="redis://host:port/db shared by worker processes: rate limits, circuit "
        "breaker, the helpdesk job queue. Unset: limits and breaker count in process and the "
        "helpdesk queue uses redis://127.0.0.1:6379/0.",
    )
    rate_limit: str | None = Field(
        default=None,
        description="Requests per API key, e.g. '120/minute' (moving window); unset = no limit.",
    )
    key_cache_s: float = Field(
        default=5.0,
        ge=0,
        le=60,
        description="Seconds a worker trusts an API key it verified without asking the database "
        "again; a key revoked elsewhere is refused at most this long after. 0: every request "
        "looks its key up.",
    )
    auth_disabled: bool = Field(
        default=False,
        description="Keyless demo: keyless requests act as admin (serve --no-auth, loopback).",
    )

    # Helpdesk integrations (webhooks in, drafts and notes back out)
    helpdesk_queue: str = Field(
        default="replydraft:helpdesk", description="Name of the helpdesk job queue in Redis."
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where agents reach replydraft: review links in helpdesk notes start here.",
    )
    helpdesk_secrets_key: SecretStr | None = Field(
        default=None,
        description="Fernet key encrypting integration credentials at rest; unset = derived from "
        "a generated key kept in data_dir/replydraft-secrets.key (mode 0600).",
    )
    helpdesk_max_attempts: int = Field(
        default=5, ge=1, le=50, description="Delivery attempts before a delivery is failed."
    )
    helpdesk_backoff_s: float = Field(
        default=2.0, gt=0, description="First retry delay; doubles per attempt."
    )
    helpdesk_backoff_max_s: float = Field(
        default=300.0, gt=0, description="Longest wait between delivery attempts."
    )
    helpdesk_http_timeout_s: float = Field(
        default=20.0, gt=0, description="Timeout of one call to a helpdesk's API."
    )
    helpdesk_job_timeout_s: float = Field(
        default=120.0,
        gt=0,
        description=(
            "Longest run of one delivery attempt, from its start (then a failed attempt, "
            "retried); a job whose worker died is re-run after this + 25 s."
        ),
    )
    helpdesk_tenant: str = Field(
        default=DEFAULT_TENANT,
        description="The tenant webhook drafts and deliveries belong to: that tenant's keys "
        "(and admins) read them; integrations serve the whole deployment.",
    )

    @field_validator("helpdesk_tenant")
    @classmethod
    def _tenant_name(cls, name: str) -> str:
        """A tenant name as ``keys create --tenant`` takes it (never echoed back)."""
        try:
            return checked_tenant(name)
        except InvalidRequestError as exc:
            raise ValueError(exc.message) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once.

    A malformed variable is a ``ConfigurationError`` naming the variable, never its value
    (it may be a key).
    """
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "REPLYDRAFT_" + "_".join(str(p) for p in first["loc"]).upper()
        raise ConfigurationError(f"{name}: {first['msg']}") from None
