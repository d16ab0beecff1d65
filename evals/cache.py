"""The on-disk result cache: a rerun of an unchanged case makes no model call.

Key: (model, prompt version, case hash, pipeline fingerprint). The case hash covers the request
and the expectations, because an entry holds the case's *scored* result; the fingerprint hashes
the pipeline's source and shipped data (guardrails with their weights and tables, pipeline
stages, backends) and the output-relevant settings, so a changed guardrail rule or a retrained
model re-runs the cases instead of serving stale verdicts.

Nothing raw at rest: an entry is the result as the eval report shows it (draft, questions,
flag messages and failures masked), never the pipeline's report in the clear. That is why the
expectations are part of the key: scoring needs the clear draft, so it happens before the
entry is written, and an edited expectation re-runs its case. Files are created owner-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals.results import CaseResult, JudgeScores
from guardrails.source_digest import add_files, shipped_files
from service.settings import Settings

# 2: entries hold the masked, scored result (format 1 held the clear report and is ignored).
CACHE_FORMAT = 2
# Settings that cannot change a draft or its verdict (secrets, storage, server knobs).
_IRRELEVANT = {"llm_api_key", "audit_hmac_key", "database_url", "data_dir", "log_level"}
_SOURCES = (("guardrails", ""), ("service", "pipeline"), ("service", "backends"))


class CachedResult(BaseModel):
    """One scored case as the cache keeps it: masked like the eval report."""

    model_config = ConfigDict(extra="forbid")

    format: int = CACHE_FORMAT
    result: CaseResult
    judge: dict[str, JudgeScores] = Field(default_factory=dict, description="By judge model.")


def pipeline_fingerprint(settings: Settings) -> str:
    """Hash of the pipeline's code and the settings that shape its output."""
    digest = hashlib.sha256()
    for package, sub in _SOURCES:
        root = Path(str(resources.files(package))) / sub
        add_files(digest, root, shipped_files(root))
    relevant = settings.model_dump(mode="json", exclude=_IRRELEVANT)
    digest.update(json.dumps(relevant, sort_keys=True).encode())
    return digest.hexdigest()[:16]


class ResultCache:
    """Cached drafts under ``directory``; ``enabled=False`` reads nothing and writes nothing."""

    def __init__(self, directory: Path, *, enabled: bool = True) -> None:
        self.directory = directory
        self.enabled = enabled

    @staticmethod
    def key(model: str, prompt_version: str, case_hash: str, fingerprint: str) -> str:
        """The entry name for one (model, prompt, case, pipeline) combination."""
        parts = json.dumps([CACHE_FORMAT, model, prompt_version, case_hash, fingerprint])
        return hashlib.sha256(parts.encode()).hexdigest()[:32]

    def _path(self, key: str) -> Path:
        return self.directory / "drafts" / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedResult | None:
        """The entry, or None when missing, disabled or unreadable (then it is recomputed)."""
        if not self.enabled:
            return None
        try:
            return CachedResult.model_validate_json(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None

    def put(self, key: str, entry: CachedResult) -> None:
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
