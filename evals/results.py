"""The versioned ``results.json`` schema: one eval run, every case, every model's summary.

Nothing here holds personal data in the clear: draft bodies, question texts, flag messages and
expectation labels are masked (``evals.masking``) before they become these models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RESULTS_SCHEMA_VERSION: Literal[1] = 1
# "fallback": the draft came from a fallback (another model or the offline drafter), so it is
# not a result of the model asked for, whatever its scores.
CaseStatus = Literal["passed", "failed", "error", "fallback"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PublicFlag(_Record):
    """A raised flag as shown in reports (message masked; span into the masked body)."""

    code: str = Field(description="Contract flag code.")
    severity: str = Field(description="block, verify or info.")
    message: str = Field(description="The flag's message, masked.")
    start: int | None = Field(default=None, description="Span start in the masked body.")
    end: int | None = Field(default=None, description="Span end in the masked body.")


class PublicQuestion(_Record):
    """An extracted customer question (masked) and its coverage status."""

    id: str
    text: str
    status: str


class PublicDraft(_Record):
    """The pipeline's output with personal data masked."""

    subject: str | None = Field(default=None, description="Reply subject, masked.")
    body: str = Field(description="Draft body with personal data replaced by <TYPE_n>.")
    language: str = Field(description="Detected language of the body.")
    questions: list[PublicQuestion] = Field(default_factory=list)
    flags: list[PublicFlag] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list, description="Cited KB article ids.")
    model: str = Field(description="The backend that actually answered.")
    prompt_version: str | None = None


class JudgeScores(_Record):
    """An LLM judge's rubric scores, 1 (poor) to 5 (excellent)."""

    empathy: int = Field(ge=1, le=5)
    clarity: int = Field(ge=1, le=5)
    tone: int = Field(ge=1, le=5, description="Fit with the voice guide.")
    model: str = Field(description="The judge model.")


class CaseScores(_Record):
    """Per-case metrics; null where the case has no expectation of that kind."""

    coverage: float | None = Field(default=None, description="Expected questions covered.")
    questions_expected: int = 0
    questions_covered: int = Field(
        default=0, description="Answered, or deferred where the KB has no answer."
    )
    questions_answered: int = Field(default=0, description="Expected questions answered.")
    question_count_ok: bool | None = None
    flag_tp: int = 0
    flag_fp: int = Field(default=0, description="Forbidden flags raised.")
    flag_fn: int = Field(default=0, description="Required flags not raised.")
    pii_leaks_sent: int = Field(default=0, description="Declared values sent to a remote model.")
    pii_leaks_draft: int = Field(default=0, description="Declared values in the draft.")
    fact_hit_rate: float | None = None
    facts_expected: int = 0
    facts_hit: int = 0
    language_ok: bool | None = None
    length: int = Field(default=0, description="Characters in the draft body.")
    length_ok: bool | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = Field(default=None, description="Null when the price is unknown.")
    judge: JudgeScores | None = None

    @property
    def pii_leaks(self) -> int:
        """Leaks to the model and into the draft."""
        return self.pii_leaks_sent + self.pii_leaks_draft


class CaseResult(_Record):
    """One (case, model) cell of the matrix."""

    suite: str
    case_id: str
    model: str = Field(description="The model asked for (matrix column).")
    request_hash: str = Field(description="Hash of the case's request (the cache key part).")
    tags: list[str] = Field(default_factory=list)
    status: CaseStatus
    failures: list[str] = Field(default_factory=list, description="Unmet expectations, masked.")
    error: str | None = Field(default=None, description="Exception type and masked message.")
    cached: bool = False
    latency_ms: float | None = Field(default=None, description="Pipeline time of the real run.")
    draft: PublicDraft | None = None
    scores: CaseScores = Field(default_factory=CaseScores)
    fallback_reason: str | None = Field(
        default=None, description="Why a fallback wrote the draft (model failures, no text)."
    )
    judge_error: str | None = Field(
        default=None, description="Why the rubric judge gave no scores (never its answer)."
    )

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the cell across runs."""
        return (self.suite, self.case_id, self.model)


class ModelSummary(_Record):
    """Aggregates for one model over every case (one column of the matrix)."""

    model: str
    cases: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    pass_rate: float | None = None
    coverage: float | None = Field(
        default=None,
        description="Covered / expected questions: answered, or honestly deferred (pending with "
        "no deferred_question flag, i.e. the KB has no answer).",
    )
    answered_rate: float | None = Field(
        default=None, description="Answered / expected questions (deferrals not counted)."
    )
    flag_precision: float | None = None
    flag_recall: float | None = None
    pii_leaks: int = 0
    fact_hit_rate: float | None = None
    language_match: float | None = None
    length_violations: int = 0
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = Field(default=None, description="Null if any case's cost is unknown.")
    judge_empathy: float | None = None
    judge_clarity: float | None = None
    judge_tone: float | None = None
    fallbacks: int = Field(default=0, description="Cases drafted by a fallback, not this model.")
    judge_unavailable: int = Field(
        default=0, description="Cases where an LLM question judge could not judge."
    )
    judge_errors: int = Field(default=0, description="Cases the rubric judge could not score.")


class SuiteRef(_Record):
    """A suite that was run."""

    name: str
    version: int
    path: str
    sha256: str
    cases: int


class EvalRun(_Record):
    """A whole run: what was run, the per-model summaries and every case result."""

    schema_version: Literal[1] = RESULTS_SCHEMA_VERSION
    run_id: str
    status: Literal["complete", "interrupted"] = "complete"
    started_at: str
    finished_at: str | None = None
    models: list[str]
    prompt_version: str
    prompt_dir: str | None = None
    judge_model: str | None = None
    suites: list[SuiteRef]
    summaries: list[ModelSummary] = Field(default_factory=list)
    cases: list[CaseResult] = Field(default_factory=list)

    def summary(self, model: str) -> ModelSummary | None:
        """The summary for ``model``."""
        return next((s for s in self.summaries if s.model == model), None)


def load_run(path: Path) -> EvalRun:
    """Read and validate a ``results.json``."""
    return EvalRun.model_validate_json(path.read_text(encoding="utf-8"))


def write_run(run: EvalRun, path: Path) -> None:
    """Write atomically: a reader (or an interrupted writer) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(run.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(path)
