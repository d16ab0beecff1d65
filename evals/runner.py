"""Run suites through the real pipeline for every model: the matrix, cached and bounded.

Each (case, model) cell goes through ``Runtime.resolve`` and ``DraftPipeline.draft`` exactly as
the API does, with the backends wrapped by the recording hook. A crashing cell is recorded as
an error; cancellation (Ctrl-C) still writes a valid, ``interrupted`` results.json.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from evals import recording
from evals.cache import CachedResult, ResultCache, pipeline_fingerprint
from evals.judge import JudgeError, RubricJudge
from evals.masking import EntityMemo, PublicMasker, known_values
from evals.metrics import score_case, summarize
from evals.report_html import write_report
from evals.results import (
    CaseResult,
    CaseStatus,
    EvalRun,
    JudgeScores,
    PublicDraft,
    PublicFlag,
    PublicQuestion,
    SuiteRef,
    write_run,
)
from evals.suite import EvalCase, Suite
from service.errors import LLMUnavailableError
from service.models import DraftReport
from service.pipeline.prompting import PromptRenderer
from service.runtime import Runtime, shared_resources
from service.settings import Settings

logger = logging.getLogger(__name__)

RuntimeFactory = Callable[[Settings, Path | None], Runtime]


def _default_runtime(settings: Settings, prompt_dir: Path | None) -> Runtime:
    return Runtime.build(settings, prompt_dir=prompt_dir)


@dataclass
class RunOptions:
    """How to run: the models (matrix columns), concurrency, cache and prompt templates."""

    models: list[str]
    out_dir: Path
    concurrency: int = 4
    cache_dir: Path = Path(".eval-cache")
    use_cache: bool = True
    prompt_dir: Path | None = None
    judge_model: str | None = None
    progress: bool = True


@dataclass
class _Cell:
    suite: Suite
    case: EvalCase
    model: str


@dataclass
class EvalRunner:
    """Runs the matrix; build once per invocation."""

    settings: Settings
    options: RunOptions
    runtime_factory: RuntimeFactory = _default_runtime
    results: list[CaseResult] = field(default_factory=list)
    model_calls: int = 0  # pipeline runs that were not served from the cache

    def __post_init__(self) -> None:
        self._cache = ResultCache(self.options.cache_dir, enabled=self.options.use_cache)
        memo_path = self.options.cache_dir / "entities.json" if self.options.use_cache else None
        self._masker = PublicMasker(shared_resources().pii, EntityMemo(memo_path))
        self._prompt_version = PromptRenderer(self.options.prompt_dir).version
        self._fingerprint = pipeline_fingerprint(self.settings)
        self._runtime: Runtime | None = None
        self._runtime_lock = asyncio.Lock()
        self._judge = (
            RubricJudge(self.settings, self.options.judge_model)
            if self.options.judge_model
            else None
        )

    async def run(self, suites: list[Suite]) -> EvalRun:
        """Run every case for every model; always writes results.json and report.html."""
        run = EvalRun(
            run_id=f"run_{uuid.uuid4().hex[:12]}",
            started_at=_now(),
            models=list(self.options.models),
            prompt_version=self._prompt_version,
            prompt_dir=str(self.options.prompt_dir) if self.options.prompt_dir else None,
            judge_model=self.options.judge_model,
            suites=[
                SuiteRef(
                    name=s.name, version=s.version, path=s.path, sha256=s.sha256, cases=len(s.cases)
                )
                for s in suites
            ],
        )
        cells = [_Cell(s, c, m) for m in self.options.models for s in suites for c in s.cases]
        try:
            await self._run_cells(cells)
        except BaseException:
            run.status = "interrupted"  # Ctrl-C / cancellation: keep what finished
            raise
        finally:
            self._finish(run, cells)
        return run

    async def _run_cells(self, cells: list[_Cell]) -> None:
        semaphore = asyncio.Semaphore(max(1, self.options.concurrency))
        console = Console(stderr=True)
        columns = (TextColumn("eval"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, disable=not self.options.progress) as bar:
            task = bar.add_task("eval", total=len(cells))

            async def one(cell: _Cell) -> None:
                async with semaphore:
                    self.results.append(await self._cell(cell))
                bar.advance(task)

            tasks = [asyncio.ensure_future(one(cell)) for cell in cells]
            try:
                await asyncio.gather(*tasks)
            finally:
                for pending in tasks:
                    pending.cancel()

    async def _cell(self, cell: _Cell) -> CaseResult:
        try:
            return await self._scored_cell(cell)
        except Exception as exc:  # noqa: BLE001 - a crashing case is data; the run goes on
            return await self._error_result(cell, exc)

    async def _scored_cell(self, cell: _Cell) -> CaseResult:
        key = ResultCache.key(
            cell.model, self._prompt_version, cell.case.case_hash(), self._fingerprint
        )
        entry = self._cache.get(key)
        cached = entry is not None
        if entry is None:
            entry = await self._fresh(cell)
        # A fallback draft is not the requested model's: caching it under that model's key
        # would keep every rerun from trying the model again.
        cacheable = entry.result.status != "fallback"
        if cacheable and not cached:
            self._cache.put(key, entry)
        judge_error = None
        draft = entry.result.draft
        if self._judge is not None and self._judge.model not in entry.judge and draft:
            verdict, judge_error = await self._grade(cell, draft)
            if verdict is not None:
                entry.judge[self._judge.model] = verdict
                if cacheable:
                    self._cache.put(key, entry)
        result = self._for_cell(cell, entry, cached)
        return result.model_copy(update={"judge_error": judge_error}) if judge_error else result

    async def _fresh(self, cell: _Cell) -> CachedResult:
        """Draft the case through the pipeline and score it while the report is in the clear."""
        runtime = await self._get_runtime()
        request = cell.case.request.model_copy(update={"model": cell.model})
        self.model_calls += 1
        with recording.recording() as recorder:
            started = time.perf_counter()
            resolved = await asyncio.to_thread(runtime.resolve, request)
            outcome = await runtime.pipeline.draft(resolved)
            latency = (time.perf_counter() - started) * 1000
        result = await asyncio.to_thread(
            self._score, cell, outcome.report, recorder.remote_texts(), round(latency, 3)
        )
        return CachedResult(result=result)

    def _for_cell(self, cell: _Cell, entry: CachedResult, cached: bool) -> CaseResult:
        """The cached result under this cell's suite and tags, with its judge scores."""
        result = entry.result
        judge = entry.judge.get(self._judge.model) if self._judge is not None else None
        return result.model_copy(
            update={
                "suite": cell.suite.name,
                "tags": list(cell.case.tags),
                "cached": cached,
                "scores": result.scores.model_copy(update={"judge": judge}),
            }
        )

    async def _get_runtime(self) -> Runtime:
        # Built lazily: a fully cached rerun never pays for engines or the store.
        async with self._runtime_lock:
            if self._runtime is None:
                runtime = await asyncio.to_thread(
                    self.runtime_factory, self.settings, self.options.prompt_dir
                )
                recording.install(runtime.pipeline)
                self._runtime = runtime
            return self._runtime

    async def _grade(
        self, cell: _Cell, draft: PublicDraft
    ) -> tuple[JudgeScores | None, str | None]:
        """The rubric scores, or None and why the judge gave none (logged, one line)."""
        assert self._judge is not None
        known = known_values(cell.case)
        latest = "\n".join(
            m.body for m in cell.case.request.thread.messages if m.role == "customer"
        )
        customer = await asyncio.to_thread(self._masker.mask, latest, draft.language, known=known)
        voice = cell.case.request.voice
        try:
            scores = await self._judge.grade(
                customer=customer.text,
                draft=draft.body,  # already masked, like everything the eval report shows
                voice_guide=voice.guide if voice else "",
                language=draft.language,
            )
        except (JudgeError, LLMUnavailableError) as exc:
            # No judge score is a missing value, not a failed case; but it is said, not silent.
            reason = f"rubric judge {self._judge.model} gave no scores: {exc}"
            logger.warning("%s (case %s, model %s)", reason, cell.case.id, cell.model)
            return None, reason
        return scores, None

    def _score(
        self, cell: _Cell, report: DraftReport, sent: list[str], latency_ms: float
    ) -> CaseResult:
        expect = cell.case.expect
        scored = score_case(report, sent, expect)
        known = known_values(cell.case)
        lang = report.language
        failures = [self._masker.mask(f, lang, known=known).text for f in scored.failures]
        fallback = fallback_reason(report, cell.model)
        masked_fallback = self._masker.mask(fallback, lang, known=known).text if fallback else None
        status: CaseStatus = "fallback" if fallback else "failed" if failures else "passed"
        return CaseResult(
            suite=cell.suite.name,
            case_id=cell.case.id,
            model=cell.model,
            request_hash=cell.case.request_hash(),
            tags=list(cell.case.tags),
            status=status,
            fallback_reason=masked_fallback,
            failures=failures,
            cached=False,
            latency_ms=latency_ms,
            draft=self._public(report, known),
            scores=scored.scores,
        )

    def _public(self, report: DraftReport, known: list[tuple[str, str]]) -> PublicDraft:
        lang = report.language
        spans = [(f.span.start, f.span.end) if f.span else (0, 0) for f in report.flags]
        body = self._masker.mask(report.body, lang, known=known, spans=spans)
        flags = [
            PublicFlag(
                code=f.code,
                severity=f.severity,
                message=self._masker.mask(f.message, lang, known=known).text,
                start=body.spans[i][0] if f.span else None,
                end=body.spans[i][1] if f.span else None,
            )
            for i, f in enumerate(report.flags)
        ]
        questions = [
            PublicQuestion(
                id=q.id, text=self._masker.mask(q.text, lang, known=known).text, status=q.status
            )
            for q in report.questions
        ]
        subject = (
            self._masker.mask(report.subject, lang, known=known).text if report.subject else None
        )
        return PublicDraft(
            subject=subject,
            body=body.text,
            language=lang,
            questions=questions,
            flags=flags,
            citations=[c.article_id for c in report.citations],
            model=report.model,
            prompt_version=report.prompt_version,
        )

    async def _error_result(self, cell: _Cell, exc: Exception) -> CaseResult:
        message = await asyncio.to_thread(
            self._masker.mask, str(exc)[:500], None, known=known_values(cell.case)
        )
        return CaseResult(
            suite=cell.suite.name,
            case_id=cell.case.id,
            model=cell.model,
            request_hash=cell.case.request_hash(),
            tags=list(cell.case.tags),
            status="error",
            error=f"{type(exc).__name__}: {message.text}",
        )

    def _finish(self, run: EvalRun, cells: list[_Cell]) -> None:
        order = {(c.suite.name, c.case.id, c.model): i for i, c in enumerate(cells)}
        run.cases = sorted(self.results, key=lambda r: order.get(r.key, len(order)))
        run.summaries = [summarize(m, run.cases) for m in self.options.models]
        run.finished_at = _now()
        self._masker.memo.save()
        write_run(run, self.options.out_dir / "results.json")
        write_report(run, self.options.out_dir / "report.html")


def fallback_reason(report: DraftReport, requested: str) -> str | None:
    """Why the draft is not the requested model's, or None when it is.

    The offline drafter answering for a remote model carries an ``llm_fallback`` flag; a
    fallback model answering shows as a different ``report.model``.
    """
    flag = next((f for f in report.flags if f.code == "llm_fallback"), None)
    if flag is not None and requested != "offline":
        return flag.message
    if report.model != requested:
        return f"{report.model} answered instead of {requested}"
    return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
