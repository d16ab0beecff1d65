"""The drafting pipeline, called by the API, the CLI and the evals alike."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from guardrails.base import Finding
from guardrails.context import GuardrailContext
from guardrails.language import detect_language
from guardrails.pii import RedactionDecision
from guardrails.pii.engine import analysis_memo
from guardrails.questions import Question, extract_questions
from guardrails.questions.llm_judge import JudgeAnswer, Judgement, LLMJudge, Prejudged
from guardrails.run_memo import KeptRun
from guardrails.runner import GuardrailOutcome, GuardrailRunner
from guardrails.text.greeting import address_name
from guardrails.text.mood import customer_upset
from service.backends.base import (
    Completion,
    DraftInputs,
    ModelBackend,
    ModelRequest,
    Passage,
    SavedReplyStart,
    TextSink,
)
from service.backends.judge_completion import Sent, recording_judge_sends
from service.backends.litellm_backend import LiteLLMBackend
from service.backends.select import BackendSelector
from service.edge.storable_text import storable
from service.errors import LLMUnavailableError
from service.models import DraftReport, Redactions, Usage
from service.pipeline.context import (
    ResolvedRequest,
    build_context,
    customer_language,
    normalise_messages,
)
from service.pipeline.pii import (
    NO_DESTINATION,
    Fingerprint,
    PiiRedactionFactory,
    allowed_decisions,
    destination,
    outbound_counts,
    outbound_decisions,
)
from service.pipeline.prompting import PromptRenderer, RenderedPrompt, ThreadLine
from service.pipeline.redaction import PassThrough, RedactionFactory, RequestRedaction
from service.pipeline.report import (
    assemble_report,
    cited_passages,
    new_draft_id,
    reply_subject,
)
from service.pipeline.retrieval import Retriever
from service.pipeline.saved_reply import ChosenReply, choose_saved_reply
from service.pipeline.streaming import RestoringSink, complete_into, write_in_pieces
from service.pipeline.timing import StageTimer
from service.settings import Settings

logger = logging.getLogger(__name__)

TRUNCATED = Finding(
    code="truncated",
    severity="verify",
    message="The model stopped at its token limit (finish_reason: length); the draft may be cut "
    "off. Raise REPLYDRAFT_LLM_MAX_TOKENS or read the end before sending.",
)

KB_UNMASKED = frozenset({"PERSON"})


def total_usage(completion: Completion, judge: JudgeAnswer | None) -> Usage:
    """Drafting plus judging tokens and cost (cost null if either price is unknown)."""
    if judge is None:
        return Usage(
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
            cost_usd=completion.cost_usd,
        )
    costs = (completion.cost_usd, judge.cost_usd)
    drafted = completion.model in ("offline", "human")  # those cost nothing
    cost = (
        None
        if judge.cost_usd is None or (completion.cost_usd is None and not drafted)
        else (sum(c for c in costs if c is not None))
    )
    return Usage(
        prompt_tokens=completion.prompt_tokens + judge.prompt_tokens,
        completion_tokens=completion.completion_tokens + judge.completion_tokens,
        cost_usd=cost,
    )


def _timings(timer: StageTimer, completion: Completion) -> dict[str, float]:
    timings = timer.report()
    if completion.first_token_ms is not None:
        timings["first_token"] = completion.first_token_ms  # within "model": time to 1st token
    return timings


def llm_fallback(reasons: list[str], *, fallback_model: str | None = None) -> Finding:
    """The ``llm_fallback`` flag, naming each model's failure (causes only, never text).

    ``fallback_model``: a configured fallback model wrote the draft, not the offline drafter.
    """
    why = f" ({'; '.join(reasons)})" if reasons else ""
    writer = f"the fallback model {fallback_model}" if fallback_model else "the offline drafter"
    return Finding(
        code="llm_fallback",
        severity="info",
        message=f"The configured model did not answer{why}; {writer} wrote this draft.",
        evidence="; ".join(reasons) or None,
    )


def _earlier_customer_text(ctx: GuardrailContext) -> str:
    """The customer's messages before their latest turn, oldest first."""
    latest = {id(m) for m in ctx.latest_customer_turn}
    return "\n".join(m.body for m in ctx.customer_messages if id(m) not in latest)


def _destination(backend: ModelBackend, requested: str | None) -> str:
    """Where this request's masked text was sent (even if the model then failed)."""
    if backend.local or not isinstance(backend, LiteLLMBackend):
        return NO_DESTINATION
    return destination(requested or backend.model, backend.api_base)


@dataclass(frozen=True)
class DraftOutcome:
    """A report and the redaction decisions behind it (for the audit log)."""

    report: DraftReport
    decisions: list[RedactionDecision]
    destination: str = NO_DESTINATION  # where the masked inbound text went (``model @ host``)
    judge_sends: tuple[Sent, ...] = ()  # what the LLM judge masked, and where it sent it
    # The request's analysis memo, kept when asked (see ``DraftPipeline.draft``): the stored
    # copies are masked in it (``analyses.run``), reusing the analyses made here; whoever
    # asked for it closes it (``analyses.close()``) when the request is done.
    analyses: KeptRun | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class _Prepared:
    ctx: GuardrailContext
    questions: tuple[Question, ...]

    @property
    def question_texts(self) -> tuple[str, ...]:
        return tuple(q.text for q in self.questions)

    passages: tuple[Passage, ...]
    saved: ChosenReply | None = None  # the saved reply the draft starts from


class DraftPipeline:
    """normalise -> redact -> retrieve -> prompt -> model -> restore -> guardrails -> report."""

    def __init__(
        self,
        settings: Settings,
        *,
        backends: BackendSelector,
        retriever: Retriever,
        renderer: PromptRenderer,
        runner: GuardrailRunner,
        redaction: RedactionFactory | None = None,
        fingerprint: Fingerprint | None = None,
    ) -> None:
        self.settings = settings
        self.backends = backends
        self.retriever = retriever
        self.renderer = renderer
        self.runner = runner
        self.redaction = redaction
        self.fingerprint = fingerprint

    async def draft(
        self,
        resolved: ResolvedRequest,
        stream: TextSink | None = None,
        *,
        keep_analyses: bool = False,
    ) -> DraftOutcome:
        """Draft a reply for the request and run every guardrail on it.

        ``stream`` gets the draft's text, as the report's body will show it, while it is
        written (see ``service.pipeline.streaming``).

        One analysis memo spans the request (``analysis_memo``): the prompt, the outbound
        scan and the stored copies analyse many of the same texts (the customer's message,
        their name, the asks, the draft) with the same names; each is analysed once. With
        ``keep_analyses`` the memo is handed over in the outcome's ``analyses``, which the
        caller must close; otherwise it is forgotten before this returns.
        """
        with analysis_memo() as run:
            outcome = await self._draft(resolved, stream)
            return replace(outcome, analyses=run.keep()) if keep_analyses else outcome

    async def _draft(self, resolved: ResolvedRequest, stream: TextSink | None) -> DraftOutcome:
        timer = StageTimer()
        # One trip to a worker thread for everything before the model call: each trip costs
        # a thread hand-off and an event-loop wake-up, on every draft.
        prepared, backend, redaction, prompt, inputs = await asyncio.to_thread(
            self._before_model, resolved, timer
        )
        model_request = ModelRequest(prompt.messages, inputs, model=resolved.request.model)
        sink = RestoringSink(stream, redaction.preview) if stream is not None else None
        with timer.stage("model"):
            completion, failure = await self._complete(backend, model_request, prepared, sink)
        completion = replace(completion, text=storable(completion.text))
        fell_back = failure is not None
        with timer.stage("restore"):
            restored = redaction.restore(completion.text) if not fell_back else None
        body = restored.text if restored else completion.text
        extra: list[Finding] = [llm_fallback(failure)] if failure is not None else []
        if failure is None and completion.fallback_reason:
            reason = completion.fallback_reason
            extra.append(llm_fallback([reason], fallback_model=completion.model))
        if completion.finish_reason == "length":
            extra.append(TRUNCATED)
        if restored:
            extra.extend(restored.findings)
        judgement, judged = await self._judge(prepared, body, timer)
        outcome = await asyncio.to_thread(
            self._finish,
            resolved=resolved,
            prepared=prepared,
            body=body,
            completion=completion,
            judgement=judgement,
            prompt_version=prompt.version,
            redaction=redaction,
            extra=extra,
            timer=timer,
        )
        sent_to = _destination(backend, resolved.request.model)
        return replace(outcome, destination=sent_to, judge_sends=judged)

    async def check(
        self, resolved: ResolvedRequest, *, keep_analyses: bool = False
    ) -> DraftOutcome:
        """Run the guardrails on the human-written ``draft`` of the request (memo as ``draft``)."""
        with analysis_memo() as run:
            outcome = await self._check(resolved)
            return replace(outcome, analyses=run.keep()) if keep_analyses else outcome

    async def _check(self, resolved: ResolvedRequest) -> DraftOutcome:
        timer = StageTimer()
        prepared = await asyncio.to_thread(self._prepare, resolved, timer)
        body = resolved.request.draft or ""
        completion = Completion(text=body, model="human")
        judgement, judged = await self._judge(prepared, body, timer)
        outcome = await asyncio.to_thread(
            self._finish,
            judgement=judgement,
            resolved=resolved,
            prepared=prepared,
            body=body,
            completion=completion,
            prompt_version=None,
            redaction=PassThrough(),
            extra=[],
            timer=timer,
        )
        return replace(outcome, judge_sends=judged)

    def _prepare(self, resolved: ResolvedRequest, timer: StageTimer) -> _Prepared:
        request = resolved.request
        with timer.stage("normalise"):
            messages = normalise_messages(request)
            language = customer_language(messages, request.customer.locale)
            ctx = build_context(resolved, messages, language, language, self.settings)
            questions = tuple(extract_questions(ctx))
        with timer.stage("retrieve"):
            latest = "\n".join(m.body for m in ctx.latest_customer_turn)
            query = "\n".join([request.thread.subject or "", latest, *(q.text for q in questions)])
            passages = self.retriever.retrieve(
                resolved.articles,
                query,
                self.settings.retrieval_top_k,
                asks=[q.text for q in questions],
            )
            saved = choose_saved_reply(
                resolved.saved_reply,
                resolved.saved_reply_candidates,
                questions,
                ctx,
                self.retriever,
            )
        return _Prepared(ctx=ctx, questions=questions, passages=tuple(passages), saved=saved)

    def _before_model(
        self, resolved: ResolvedRequest, timer: StageTimer
    ) -> tuple[_Prepared, ModelBackend, RequestRedaction, RenderedPrompt, DraftInputs]:
        """Prepare, pick the backend and mask the prompt (in a worker thread: CPU-bound)."""
        prepared = self._prepare(resolved, timer)
        backend = self.backends.select(resolved.request.model)
        redaction = self._redaction_for(backend, prepared.ctx)
        with timer.stage("redact"):
            prompt, inputs = self._masked_prompt(resolved, prepared, redaction)
        return prepared, backend, redaction, prompt, inputs

    def _redaction_for(self, backend: ModelBackend, ctx: GuardrailContext) -> RequestRedaction:
        # Nothing leaves the process with a local backend, so there is nothing to mask.
        if backend.local or self.redaction is None:
            return PassThrough()
        return self.redaction.for_request(ctx)

    def _masked_prompt(
        self, resolved: ResolvedRequest, prepared: _Prepared, redaction: RequestRedaction
    ) -> tuple[RenderedPrompt, DraftInputs]:
        # The prompt masks copies of the thread's texts (the latest turn, the questions, the
        # greeting name) with the same known names: the request's memo (``draft``) analyses
        # each distinct one once.
        request, ctx, lang = resolved.request, prepared.ctx, prepared.ctx.customer_language
        mask = redaction.mask
        thread = [
            ThreadLine(
                role=m.role,
                author=mask(m.author_name, lang, source=f"thread.messages[{i}].author")
                if m.author_name
                else None,
                body=mask(m.body, lang, source=f"thread.messages[{i}] ({m.role})"),
            )
            for i, m in enumerate(ctx.messages)
        ]
        # KB articles are published text: a "name" in them is an organisation or product
        # ("Canada Post") far more often than a person, so only other personal data is masked.
        passages = tuple(
            replace(
                p,
                body=mask(p.body, lang, keep=KB_UNMASKED, source=f"knowledge_base[{p.article_id}]"),
                title=mask(
                    p.title, lang, keep=KB_UNMASKED, source=f"knowledge_base[{p.article_id}].title"
                ),
            )
            for p in prepared.passages
        )
        customer_name = ctx.customer.name
        greeting_name = address_name(customer_name, lang)
        latest_text = "\n".join(m.body for m in ctx.latest_customer_turn)
        earlier_text = _earlier_customer_text(ctx)
        inputs = DraftInputs(
            language=lang,
            customer_name=mask(customer_name, lang, source="customer.name")
            if customer_name
            else None,
            agent_name=request.agent.name,
            agent_title=request.agent.title,
            brand=resolved.voice.brand,
            subject=mask(request.thread.subject, lang, source="thread.subject")
            if request.thread.subject
            else None,
            # Copies of thread text masked (and recorded) above: same placeholders, no record.
            latest_customer_text=mask(latest_text, lang, source=None),
            questions=tuple(mask(q, lang, source=None) for q in prepared.question_texts),
            passages=passages,
            greeting=resolved.voice.greeting,
            sign_off=resolved.voice.sign_off,
            glossary=tuple(resolved.voice.glossary.items()),
            attachments=ctx.attachments,
            channel=request.thread.channel,
            greeting_name=mask(greeting_name, lang, source=None) if greeting_name else None,
            upset=customer_upset(request.thread.subject, latest_text, lang),
            saved_reply=self._masked_saved_reply(prepared.saved, mask, lang),
            earlier_customer_text=mask(earlier_text, lang, source=None),
        )
        prompt = self.renderer.render(
            inputs,
            thread,
            voice_guide=resolved.voice.guide,
            banned_phrases=tuple(resolved.voice.banned_phrases),
        )
        return prompt, inputs

    @staticmethod
    def _masked_saved_reply(
        saved: ChosenReply | None, mask: Callable[..., str], lang: str
    ) -> SavedReplyStart | None:
        # Operator-written like KB articles: a "name" in it is the brand or the team's own.
        if saved is None:
            return None
        source = f"saved_reply[{saved.reply.id}]"
        return saved.start(mask(saved.reply.body, lang, keep=KB_UNMASKED, source=source))

    async def _complete(
        self,
        backend: ModelBackend,
        request: ModelRequest,
        prepared: _Prepared,
        sink: RestoringSink | None = None,
    ) -> tuple[Completion, list[str] | None]:
        """The model's completion, or the offline drafter's with the model failures behind it."""
        try:
            if sink is not None:
                return await complete_into(backend, request, sink), None
            return await backend.complete(request), None
        except LLMUnavailableError as exc:
            reasons = [str(d) for d in exc.details or []]
            logger.warning(
                "llm_fallback: offline drafter used (%s)",
                "; ".join(reasons) or "no reason given",
                extra={"reasons": reasons},
            )
        # The offline drafter gets the unmasked facts: nothing leaves the process.
        offline_inputs = self._unmasked_inputs(request.inputs, prepared)
        offline_request = replace(request, inputs=offline_inputs, model=None)
        completion = await self.backends.offline.complete(offline_request)
        if sink is not None:
            sink.restart()  # whatever the failed model wrote is not this draft
            await write_in_pieces(sink.out, completion.text)  # unmasked: nothing to restore
        return completion, reasons

    @staticmethod
    def _unmasked_inputs(inputs: DraftInputs, prepared: _Prepared) -> DraftInputs:
        ctx = prepared.ctx
        return replace(
            inputs,
            customer_name=ctx.customer.name,
            latest_customer_text="\n".join(m.body for m in ctx.latest_customer_turn),
            earlier_customer_text=_earlier_customer_text(ctx),
            questions=prepared.question_texts,
            passages=prepared.passages,
            subject=ctx.subject,
            greeting_name=address_name(ctx.customer.name, inputs.language),
            saved_reply=prepared.saved.start() if prepared.saved else None,
        )

    @staticmethod
    def _draft_context(prepared: _Prepared, body: str) -> GuardrailContext:
        draft_language = detect_language(body) if body.strip() else prepared.ctx.customer_language
        return replace(prepared.ctx, draft_language=draft_language)

    async def _judge(
        self, prepared: _Prepared, body: str, timer: StageTimer
    ) -> tuple[Judgement | None, tuple[Sent, ...]]:
        """An LLM judge's judgement, awaited on this loop (its model client lives here).

        None for a judge that needs no model (the lexical one runs inside the guardrails).
        With it, what the judge masked and sent where, for the audit log.
        """
        judge = self.runner.judge
        if not isinstance(judge, LLMJudge):
            return None, ()
        with timer.stage("judge"), recording_judge_sends() as sent:
            ctx = self._draft_context(prepared, body)
            judgement = await judge.judge_async(list(prepared.questions), body, ctx)
        return judgement, tuple(sent)

    def _finish(
        self,
        *,
        resolved: ResolvedRequest,
        prepared: _Prepared,
        body: str,
        completion: Completion,
        prompt_version: str | None,
        redaction: RequestRedaction,
        extra: list[Finding],
        timer: StageTimer,
        judgement: Judgement | None,
    ) -> DraftOutcome:
        ctx = self._draft_context(prepared, body)
        subject = reply_subject(
            resolved.request.thread.subject,
            [m.body for m in ctx.messages],
            ctx.draft_language,
        )
        # The guardrails judge the subject the report carries, not the thread's.
        ctx = replace(ctx, subject=subject)
        runner = (
            GuardrailRunner(self.runner.guardrails, Prejudged(judgement))
            if judgement is not None
            else self.runner
        )
        # Several guardrails scan the draft with the request's known names: compiled once
        # (the runner's own memo; the outbound scan below uses the request's).
        with timer.stage("guardrails"):
            outcome: GuardrailOutcome = runner.run(body, ctx, list(prepared.questions))
        if judgement is not None:
            extra = [*extra, *judgement.findings]
        # The restore step and a guardrail may both flag the same placeholder: report it once.
        flagged = {(f.code, f.span) for f in outcome.findings}
        extra = [f for f in extra if f.span is None or (f.code, f.span) not in flagged]
        report = assemble_report(
            draft_id=new_draft_id(),
            subject=subject,
            body=body,
            language=ctx.draft_language,
            outcome=outcome,
            extra_findings=extra,
            redactions=Redactions(
                inbound=redaction.inbound_counts(), outbound=outbound_counts(outcome.findings)
            ),
            citations=cited_passages(body, prepared.passages),
            model=completion.model,
            prompt_version=prompt_version,
            usage=total_usage(completion, judgement.answer if judgement else None),
            timings_ms=_timings(timer, completion),
            saved_reply_id=prepared.saved.reply.id if prepared.saved else None,
        )
        # The outbound scan runs on every draft, remote, offline or a human's (checks): its
        # blocks and the values it let through are recorded so the log shows it ran.
        blocked = outbound_decisions(body, outcome.findings, self.fingerprint)
        allowed = (
            allowed_decisions(self.redaction.engine, body, ctx, blocked, self.fingerprint)
            if isinstance(self.redaction, PiiRedactionFactory)
            else []
        )
        decisions = redaction.decisions() + blocked + allowed
        return DraftOutcome(report=report, decisions=decisions)
