"""The engines built once per process and shared by the API, the CLI and the evals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection

from guardrails.pii import SharedPiiEngine
from guardrails.pii.recognizers_spacy import SpacyModelUnavailableError
from guardrails.questions import QuestionJudge, build_judge
from guardrails.questions.judges import UnknownJudgeError
from guardrails.registry import UnknownGuardrailError, build_guardrails
from guardrails.resources import GuardrailResources
from guardrails.runner import GuardrailRunner
from service.backends.base import TextSink
from service.backends.judge_completion import MaskedJudgeCompletion
from service.backends.litellm_env import load_litellm
from service.backends.offline import OfflineBackend
from service.backends.offline_scrub import engine_finder
from service.backends.select import OFFLINE, BackendSelector, judge_backend_from_settings
from service.errors import ConfigurationError, InvalidRequestError, NotFoundError
from service.metrics import observe_report
from service.model_policy import check_requested_model
from service.models import DraftReport, DraftRequest, SavedReply, Voice
from service.observability import request_id_var
from service.pipeline.at_rest import known_names, report_at_rest, request_at_rest
from service.pipeline.context import ResolvedRequest
from service.pipeline.drafting import DraftOutcome, DraftPipeline
from service.pipeline.pii import NO_DESTINATION, PiiRedactionFactory
from service.pipeline.prompting import PromptRenderer
from service.pipeline.retrieval import Retriever
from service.rate_limit import KeyRateLimiter
from service.settings import Settings, get_settings
from service.storage import DraftKind, Store, summarize_request
from service.storage.audit import AuditLog
from service.storage.audit_key import load_audit_key
from service.storage.audit_models import RedactionDecision as AuditDecision
from service.tenancy import DEFAULT_TENANT

T = TypeVar("T")
# Writes what records a stored draft elsewhere, in its transaction: (draft_id, connection).
StoredHook = Callable[[str, Connection], None]
logger = logging.getLogger(__name__)


def shared_resources(settings: Settings | None = None) -> GuardrailResources:
    """Guardrail engines shared by every runtime of the process (the PII engine takes seconds)."""
    settings = settings or get_settings()
    return _resources(settings.spacy_model, settings.name_cache_dir)


# Made up (reserved example domain and fictional number): nothing real is analysed.
_WARM_UP_TEXT = "Hi, I am Maria Lopez; write to maria@example.com or call +1 415 555 0100."


def _warm_up(resources: GuardrailResources) -> None:
    """Build the PII engine now, at start, not on a request; a missing model fails here."""
    try:
        engine = resources.pii.get()
    except SpacyModelUnavailableError as exc:
        raise ConfigurationError(str(exc)) from exc
    # Some recognizers build their tables on first use (the email check's public-suffix
    # trie: ~0.4 s); one analysis of a made-up line builds them here instead.
    engine.analyze(_WARM_UP_TEXT, "en")
    _load_lemma_tables()


def _load_openai_resources() -> None:
    """Import the OpenAI SDK's resource models now, once per process.

    litellm sends OpenAI-compatible providers (OpenAI, Azure, vLLM, llama.cpp, ...) through
    that SDK, whose client imports its ~0.4 s of pydantic models on first use: on the event
    loop, during the first remote draft of every worker, stalling every request meanwhile.
    """
    import openai.resources  # noqa: F401  (imported for its side effect: the models load)


def _load_lemma_tables() -> None:
    """Load lemminflect's lemma and inflection tables now, once per process.

    The English ask, synonym and escalation rules look words up in them on every English
    draft, and import them lazily so that light commands do not pay for them. A runtime
    will draft, so it pays here (~0.4 s at start) rather than on its first request: that
    request otherwise took about half a second longer, in every worker process.
    """
    from lemminflect import getAllInflections, getAllLemmas

    getAllLemmas("open")
    getAllInflections("open")


@lru_cache(maxsize=4)
def _resources(spacy_model: str | None, name_cache_dir: Path | None) -> GuardrailResources:
    return GuardrailResources(
        pii=SharedPiiEngine(name_cache_dir=name_cache_dir, spacy_model=spacy_model)
    )


def question_judge(
    settings: Settings,
    resources: GuardrailResources,
    fingerprint: Callable[[str], str] | None = None,
) -> QuestionJudge:
    """The judge named by ``question_judge``; ``llm`` needs a model (judge's or drafting's).

    ``fingerprint`` (the audit log's keyed HMAC) marks the values the judge masks.
    """
    if settings.question_judge != "llm":
        return build_judge(settings.question_judge)
    model = settings.question_judge_model or settings.llm_model
    if not model or model == OFFLINE:
        raise ConfigurationError("the llm question judge needs REPLYDRAFT_QUESTION_JUDGE_MODEL")
    completion = MaskedJudgeCompletion(
        judge_backend_from_settings(settings, model), resources.pii, fingerprint
    )
    return build_judge("llm", complete=completion)


def rate_limiter_from(settings: Settings) -> KeyRateLimiter | None:
    """The per-key limiter the settings ask for (Redis-backed when ``redis_url`` is set)."""
    if not settings.rate_limit:
        return None
    return KeyRateLimiter(settings.rate_limit, settings.redis_url or "memory://")


@dataclass
class Runtime:
    """A pipeline and a store, plus request resolution against stored voices and KBs."""

    settings: Settings
    pipeline: DraftPipeline
    store: Store
    resources: GuardrailResources
    audit: AuditLog
    rate_limiter: KeyRateLimiter | None = None
    # Stored-copy writes in flight (``_kept``), each with the task that started it; held until
    # done (the loop holds tasks weakly: this holds a write whose request has gone).
    _keeping: dict[asyncio.Future[None], asyncio.Task[Any] | None] = field(
        default_factory=dict, init=False, repr=False
    )

    @classmethod
    def build(
        cls, settings: Settings, *, store: Store | None = None, prompt_dir: Path | None = None
    ) -> Runtime:
        """Build every engine once; ``prompt_dir`` swaps the prompt templates (evals)."""
        resources = shared_resources(settings)
        _warm_up(resources)
        if settings.llm_model and settings.llm_model != OFFLINE:
            # litellm takes seconds to import: pay it at start, not on the first draft.
            load_litellm()
            _load_openai_resources()
        audit_key = load_audit_key(settings)
        try:
            guardrails = build_guardrails(settings.guardrails, resources)
            judge = question_judge(settings, resources, audit_key.value_hmac)
            runner = GuardrailRunner(guardrails, judge)
        except (UnknownGuardrailError, UnknownJudgeError) as exc:
            raise ConfigurationError(str(exc)) from exc
        if store is None:
            store = Store.from_settings(settings)
            store.migrate()
            store.purge_expired()  # retention: expired drafts go at every start
        audit = AuditLog(store.engine, audit_key)
        pipeline = DraftPipeline(
            settings,
            backends=BackendSelector(
                settings, OfflineBackend(find_pii=engine_finder(resources.pii))
            ),
            retriever=Retriever(),
            renderer=PromptRenderer(prompt_dir),
            runner=runner,
            redaction=PiiRedactionFactory(resources.pii, fingerprint=audit.value_hmac),
            fingerprint=audit.value_hmac,
        )
        return cls(
            settings=settings,
            pipeline=pipeline,
            store=store,
            resources=resources,
            audit=audit,
            rate_limiter=rate_limiter_from(settings),
        )

    def resolve(
        self, request: DraftRequest, *, tenant: str | None = None, pick_from: str | None = None
    ) -> ResolvedRequest:
        """Look up ``voice_id`` / ``knowledge_base_id`` / ``saved_reply_id`` (of ``tenant``).

        ``tenant`` None looks in any tenant's. An unknown id, or another tenant's, is the same
        bad request. Without ``saved_reply_id``, the saved replies of tenant ``pick_from``
        (when given) are the candidates the drafter may start from.
        """
        self._check_limits(request)
        voice = request.voice or Voice()
        if request.voice_id is not None:
            voice = self._lookup(
                lambda key: self.store.get_voice(key, tenant=tenant), request.voice_id, "voice"
            )
        articles = request.knowledge_base or []
        if request.knowledge_base_id is not None:
            articles = self._lookup(
                lambda key: self.store.get_knowledge_base(key, tenant=tenant),
                request.knowledge_base_id,
                "knowledge base",
            )
        if len(articles) > self.settings.max_articles:
            raise InvalidRequestError(
                f"knowledge base has {len(articles)} articles; the limit is "
                f"{self.settings.max_articles}"
            )
        saved_reply = None
        candidates: tuple[SavedReply, ...] = ()
        if request.saved_reply_id is not None:
            saved_reply = self._lookup(
                lambda key: self.store.get_saved_reply(key, tenant=tenant),
                request.saved_reply_id,
                "saved reply",
            )
        elif pick_from is not None:
            candidates = tuple(self.store.list_saved_replies(tenant=pick_from))
        return ResolvedRequest(
            request=request,
            voice=voice,
            articles=tuple(articles),
            saved_reply=saved_reply,
            saved_reply_candidates=candidates,
        )

    async def _resolved(
        self, request: DraftRequest, *, scope: str | None, pick_from: str | None = None
    ) -> ResolvedRequest:
        """``resolve``, in a worker thread only when it reads the database.

        Without stored ids or saved-reply candidates, resolving is a few length checks: a
        thread hand-off (and, under load, a wait for a free worker thread) would cost more.
        """
        if pick_from is None and not _stored_ids(request):
            return self.resolve(request, tenant=scope)
        return await asyncio.to_thread(self.resolve, request, tenant=scope, pick_from=pick_from)

    def _check_limits(self, request: DraftRequest) -> None:
        messages = request.thread.messages
        if len(messages) > self.settings.max_messages:
            raise InvalidRequestError(
                f"thread has {len(messages)} messages; the limit is {self.settings.max_messages}"
            )
        chars = sum(len(m.body) for m in messages)
        if chars > self.settings.max_thread_chars:
            raise InvalidRequestError(
                f"thread has {chars} characters; the limit is {self.settings.max_thread_chars}"
            )

    @staticmethod
    def _lookup(getter: Callable[[str], T], key: str, what: str) -> T:
        try:
            return getter(key)
        except NotFoundError as exc:
            # The id is caller text (it may be anything, an address included): named by its
            # field only, never echoed into the answer, the CLI line or a log.
            raise InvalidRequestError(
                f"unknown {what} id: no {what} is stored under that id for this key"
            ) from exc

    async def draft(
        self,
        request: DraftRequest,
        *,
        tenant: str | None = None,
        scope: str | None = None,
        stream: TextSink | None = None,
        with_stored: StoredHook | None = None,
    ) -> DraftReport:
        """Resolve, draft, record the redactions, store; returns the report.

        ``stream`` gets the draft's text while the model writes it (``/v1/drafts/stream``).
        ``with_stored(draft_id, connection)`` writes, in the stored draft's transaction, what
        records the draft elsewhere (a helpdesk delivery): the draft is then never stored
        unrecorded, even when the caller is cancelled while it is written.

        ``tenant`` is recorded with the draft and its audit records; ``scope`` limits stored
        voice and KB lookups to one tenant (None: any, for admins, the CLI and evals).
        The audit records and the stored draft are written in one transaction: if it fails
        the request fails (503), and neither a draft whose redactions were not recorded nor
        records of a draft that was not stored are kept.
        """
        if request.draft is not None:
            raise InvalidRequestError("'draft' is only accepted by checks, not by drafts")
        check_requested_model(request.model, self.settings)
        resolved = await self._resolved(request, scope=scope, pick_from=tenant or DEFAULT_TENANT)
        outcome = await self.pipeline.draft(resolved, stream, keep_analyses=True)
        await self._kept(_ToKeep(outcome, "draft", request, tenant, with_stored))
        observe_report(outcome.report, "draft")
        return outcome.report

    async def check(
        self, request: DraftRequest, *, tenant: str | None = None, scope: str | None = None
    ) -> DraftReport:
        """Resolve and run the guardrails on ``request.draft``; records and stores (masked)."""
        if not request.draft or not request.draft.strip():
            raise InvalidRequestError("'draft' is required for a check and must not be empty")
        check_requested_model(request.model, self.settings)
        resolved = await self._resolved(request, scope=scope)
        outcome = await self.pipeline.check(resolved, keep_analyses=True)
        await self._kept(_ToKeep(outcome, "check", request, tenant))
        observe_report(outcome.report, "check")
        return outcome.report

    async def _kept(self, keep: _ToKeep) -> None:
        """``_keep`` in a worker thread, carried through when the request is cancelled.

        Once a draft exists its masked text has gone to the model: its audit records and its
        stored copy are written even if the request is cancelled meanwhile (a client that
        leaves, a deadline), which still ends the request as cancelled. A failure of the
        write reaches the request as before, or the log when the request has gone.
        """
        keeping = asyncio.ensure_future(self._keep_and_close(keep))
        self._keeping[keeping] = asyncio.current_task()
        keeping.add_done_callback(self._forget_write)
        try:
            await asyncio.shield(keeping)
        except asyncio.CancelledError:
            keeping.add_done_callback(_log_unawaited_failure)
            raise

    async def finish_writes(self, timeout_s: float = 30.0) -> int:
        """Wait (at most ``timeout_s``) for stored copies whose requests have gone.

        Called at shutdown before the store closes: a cancelled request's write may still wait
        for a worker thread, and the loop would cancel it on exit, losing the audit records of
        text that went to the model. Returns how many writes were still unfinished (logged).
        """
        pending = await _unfinished(set(self._keeping), timeout_s)
        if pending:
            logger.error("stored copies unfinished at shutdown", extra={"writes": pending})
        return pending

    async def finish_own_writes(self, timeout_s: float) -> int:
        """Wait (at most ``timeout_s``) for the stored copies the current task started.

        A helpdesk attempt past its deadline waits for its own draft's write (which records
        the draft on the delivery) before its retry is scheduled, not for other jobs' writes.
        Returns how many were still unfinished (logged).
        """
        task = asyncio.current_task()
        own = {write for write, by in self._keeping.items() if by is task}
        pending = await _unfinished(own, timeout_s)
        if pending:
            logger.warning("stored copy of a timed-out task unfinished", extra={"writes": pending})
        return pending

    def _forget_write(self, write: asyncio.Future[None]) -> None:
        self._keeping.pop(write, None)

    async def _keep_and_close(self, keep: _ToKeep) -> None:
        """``_keep`` in a worker thread; the request's memo is closed however that ends.

        The stored copies are the request's last analyses: nothing of its text stays in
        memory past this point (``KeptRun.close``), also when ``_keep`` never runs.
        """
        try:
            await asyncio.to_thread(self._keep, keep)
        finally:
            if keep.outcome.analyses is not None:
                keep.outcome.analyses.close()

    def _keep(self, keep: _ToKeep) -> None:
        """Record the outcome's decisions and store its masked copy, in one transaction.

        The masked copies are made first, in the request's analysis memo (texts the prompt
        and the outbound scan analysed are not analysed again), so the chain lock is held
        only for the writes.
        """
        analyses = keep.outcome.analyses
        save = self._at_rest(keep) if analyses is None else analyses.run(self._at_rest, keep)
        decisions = self._decisions(keep.outcome)
        if not decisions:
            save(None)
            return
        self.audit.append(
            decisions,
            request_id=request_id_var.get(),
            draft_id=keep.outcome.report.draft_id,
            tenant=keep.owner,
            also=save,
        )

    @staticmethod
    def _decisions(outcome: DraftOutcome) -> list[AuditDecision]:
        # Only masked inbound text left the process; outbound scans and restores stayed here.
        decisions = [
            AuditDecision.from_detector(
                d, destination=outcome.destination if d.action == "mask" else NO_DESTINATION
            )
            for d in outcome.decisions
        ]
        # The LLM judge's prompt (asks, KB, draft) was masked and sent to its own model.
        decisions += [
            AuditDecision.from_detector(d, destination=where) for d, where in outcome.judge_sends
        ]
        return decisions

    def _at_rest(self, keep: _ToKeep) -> Callable[[Connection | None], None]:
        """The masked copies of ``report`` (and a draft's request), and how to write them.

        Only the masked copy is stored (and served by GET /v1/drafts/{id}); the caller of
        POST gets ``report`` itself. A draft keeps its request, masked, for eval imports.
        The returned function writes them in the given transaction (None: one of its own).
        """
        pii, request, report = self.resources.pii, keep.request, keep.outcome.report
        names = known_names(request)  # one set of names for both stored copies
        stored = report_at_rest(pii, report, names)
        summary = summarize_request(request)
        masked = (
            request_at_rest(pii, request, report.language, names) if keep.kind == "draft" else None
        )
        hook = keep.with_stored
        also = None if hook is None else partial(hook, report.draft_id)

        def save(connection: Connection | None) -> None:
            self.store.save_draft(
                stored,
                kind=keep.kind,
                request_summary=summary,
                tenant=keep.owner,
                masked_request=masked,
                connection=connection,
                also=also,
            )

        return save


@dataclass(frozen=True)
class _ToKeep:
    """What a draft or a check leaves to write: its outcome, for whom, what else records it."""

    outcome: DraftOutcome
    kind: DraftKind
    request: DraftRequest
    tenant: str | None
    # Writes, in the stored draft's transaction, what records it elsewhere (a delivery).
    with_stored: StoredHook | None = None

    @property
    def owner(self) -> str:
        """The tenant the records belong to: work with no caller (CLI, jobs) is the default's."""
        return self.tenant or DEFAULT_TENANT


async def _unfinished(writes: set[asyncio.Future[None]], timeout_s: float) -> int:
    """How many of ``writes`` are still running after waiting at most ``timeout_s``."""
    if not writes:
        return 0
    _, pending = await asyncio.wait(writes, timeout=timeout_s)
    return len(pending)


def _log_unawaited_failure(keeping: asyncio.Future[None]) -> None:
    """Log a stored-copy write that failed after its request was cancelled (no one awaits it)."""
    if keeping.cancelled() or keeping.exception() is None:
        return
    # The type only: an exception's message can quote request content.
    error = type(keeping.exception()).__name__
    logger.error("stored copies of a cancelled request failed", extra={"error": error})


def _stored_ids(request: DraftRequest) -> bool:
    """Whether ``request`` names a stored voice, knowledge base or saved reply."""
    return any(
        key is not None
        for key in (request.voice_id, request.knowledge_base_id, request.saved_reply_id)
    )
