"""The on-disk result cache: a rerun of an unchanged case makes no model call.

Key: (model, prompt version, request hash, pipeline fingerprint). The fingerprint hashes the
pipeline's source (guardrails, pipeline stages, backends) and the output-relevant settings, so
a changed guardrail rule re-runs the cases instead of serving stale verdicts.

Entries hold the raw report (drafts in the clear, like the drafts table of the store): keep the
cache directory local and out of CI artifacts; files are created owner-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals.results import JudgeScores
from service.models import DraftReport
from service.settings import Settings

CACHE_FORMAT = 1
# Settings that cannot change a draft or its verdict (secrets, storage, server knobs).
_IRRELEVANT = {"llm_api_key", "audit_hmac_key", "database_url", "data_dir", "log_level"}
_SOURCES = (("guardrails", ""), ("service", "pipeline"), ("service", "backends"))


class CachedDraft(BaseModel):
    """One pipeline run as the cache keeps it."""

    model_config = ConfigDict(extra="forbid")

    format: int = CACHE_FORMAT
    report: DraftReport
    sent: list[str] = Field(default_factory=list, description="Texts sent to a remote model.")
    latency_ms: float
    judge: dict[str, JudgeScores] = Field(default_factory=dict, description="By judge model.")


def pipeline_fingerprint(settings: Settings) -> str:
    """Hash of the pipeline's code and the settings that shape its output."""
    digest = hashlib.sha256()
    for package, sub in _SOURCES:
        root = Path(str(resources.files(package))) / sub
        for path in sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    relevant = settings.model_dump(mode="json", exclude=_IRRELEVANT)
    digest.update(json.dumps(relevant, sort_keys=True).encode())
    return digest.hexdigest()[:16]


class ResultCache:
    """Cached drafts under ``directory``; ``enabled=False`` reads nothing and writes nothing."""

    def __init__(self, directory: Path, *, enabled: bool = True) -> None:
        self.directory = directory
        self.enabled = enabled

    @staticmethod
    def key(model: str, prompt_version: str, request_hash: str, fingerprint: str) -> str:
        """The entry name for one (model, prompt, request, pipeline) combination."""
        parts = json.dumps([CACHE_FORMAT, model, prompt_version, request_hash, fingerprint])
        return hashlib.sha256(parts.encode()).hexdigest()[:32]

    def _path(self, key: str) -> Path:
        return self.directory / "drafts" / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedDraft | None:
        """The entry, or None when missing, disabled or unreadable (then it is recomputed)."""
        if not self.enabled:
            return None
        try:
            return CachedDraft.model_validate_json(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None

    def put(self, key: str, entry: CachedDraft) -> None:
        """Store an entry atomically, readable by the owner only."""
        if not self.enabled:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(f".{uuid.uuid4().hex}.tmp")  # two equal requests may race
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(entry.model_dump_json())
        tmp.replace(path)
