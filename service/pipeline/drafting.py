"""The drafting pipeline, called by the API, the CLI and the evals alike."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace

from guardrails.base import Finding
from guardrails.context import GuardrailContext
from guardrails.language import detect_language
from guardrails.pii import RedactionDecision
from guardrails.questions import Question, extract_questions
from guardrails.runner import GuardrailOutcome, GuardrailRunner
from guardrails.text.greeting import address_name
from guardrails.text.mood import customer_upset
from service.backends.base import Completion, DraftInputs, ModelBackend, ModelRequest, Passage
from service.backends.select import BackendSelector
from service.errors import LLMUnavailableError
from service.models import DraftReport, Redactions, Usage
from service.pipeline.context import (
    ResolvedRequest,
    build_context,
    customer_language,
    normalise_messages,
)
from service.pipeline.pii import Fingerprint, outbound_counts, outbound_decisions
from service.pipeline.prompting import PromptRenderer, RenderedPrompt, ThreadLine
from service.pipeline.redaction import PassThrough, RedactionFactory, RequestRedaction
from service.pipeline.report import (
    assemble_report,
    cited_passages,
    new_draft_id,
    reply_subject,
)
from service.pipeline.retrieval import Retriever
from service.pipeline.timing import StageTimer
from service.settings import Settings

logger = logging.getLogger(__name__)

LLM_FALLBACK = Finding(
    code="llm_fallback",
    severity="info",
    message="The configured model did not answer; the offline drafter wrote this draft.",
)


@dataclass(frozen=True)
class DraftOutcome:
    """A report and the redaction decisions behind it (for the audit log)."""

    report: DraftReport
    decisions: list[RedactionDecision]


@dataclass(frozen=True)
class _Prepared:
    ctx: GuardrailContext
    questions: tuple[Question, ...]

    @property
    def question_texts(self) -> tuple[str, ...]:
        return tuple(q.text for q in self.questions)

    passages: tuple[Passage, ...]


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

    async def draft(self, resolved: ResolvedRequest) -> DraftOutcome:
        """Draft a reply for the request and run every guardrail on it."""
        timer = StageTimer()
        prepared = await asyncio.to_thread(self._prepare, resolved, timer)
        backend = self.backends.select(resolved.request.model)
        redaction = self._redaction_for(backend, prepared.ctx)
        with timer.stage("redact"):
            prompt, inputs = await asyncio.to_thread(
                self._masked_prompt, resolved, prepared, redaction
            )
        model_request = ModelRequest(prompt.messages, inputs, model=resolved.request.model)
        with timer.stage("model"):
            completion, fell_back = await self._complete(backend, model_request, prepared)
        with timer.stage("restore"):
            restored = redaction.restore(completion.text) if not fell_back else None
        body = restored.text if restored else completion.text
        extra: list[Finding] = [LLM_FALLBACK] if fell_back else []
        if restored:
            extra.extend(restored.findings)
        return await asyncio.to_thread(
            self._finish,
            resolved=resolved,
            prepared=prepared,
            body=body,
            completion=completion,
            prompt_version=prompt.version,
            redaction=redaction,
            extra=extra,
            timer=timer,
        )

    async def check(self, resolved: ResolvedRequest) -> DraftOutcome:
        """Run the guardrails on the human-written ``draft`` of the request."""
        timer = StageTimer()
        prepared = await asyncio.to_thread(self._prepare, resolved, timer)
        body = resolved.request.draft or ""
        completion = Completion(text=body, model="human")
        return await asyncio.to_thread(
            self._finish,
            resolved=resolved,
            prepared=prepared,
            body=body,
            completion=completion,
            prompt_version=None,
            redaction=PassThrough(),
            extra=[],
            timer=timer,
        )

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
        return _Prepared(ctx=ctx, questions=questions, passages=tuple(passages))

    def _redaction_for(self, backend: ModelBackend, ctx: GuardrailContext) -> RequestRedaction:
        # Nothing leaves the process with a local backend, so there is nothing to mask.
        if backend.local or self.redaction is None:
            return PassThrough()
        return self.redaction.for_request(ctx)

    def _masked_prompt(
        self, resolved: ResolvedRequest, prepared: _Prepared, redaction: RequestRedaction
    ) -> tuple[RenderedPrompt, DraftInputs]:
        request, ctx, lang = resolved.request, prepared.ctx, prepared.ctx.customer_language
        mask = redaction.mask
        thread = [
            ThreadLine(
                role=m.role,
                author=mask(m.author_name, lang) if m.author_name else None,
                body=mask(m.body, lang),
            )
            for m in ctx.messages
        ]
        passages = tuple(
            replace(p, body=mask(p.body, lang), title=mask(p.title, lang))
            for p in prepared.passages
        )
        customer_name = ctx.customer.name
        greeting_name = address_name(customer_name, lang)
        latest_text = "\n".join(m.body for m in ctx.latest_customer_turn)
        inputs = DraftInputs(
            language=lang,
            customer_name=mask(customer_name, lang) if customer_name else None,
            agent_name=request.agent.name,
            agent_title=request.agent.title,
            brand=resolved.voice.brand,
            subject=mask(request.thread.subject, lang) if request.thread.subject else None,
            latest_customer_text=mask(latest_text, lang),
            questions=tuple(mask(q, lang) for q in prepared.question_texts),
            passages=passages,
            greeting=resolved.voice.greeting,
            sign_off=resolved.voice.sign_off,
            glossary=tuple(resolved.voice.glossary.items()),
            attachments=ctx.attachments,
            channel=request.thread.channel,
            greeting_name=mask(greeting_name, lang) if greeting_name else None,
            upset=customer_upset(request.thread.subject, latest_text, lang),
        )
        prompt = self.renderer.render(
            inputs,
            thread,
            voice_guide=resolved.voice.guide,
            banned_phrases=tuple(resolved.voice.banned_phrases),
        )
        return prompt, inputs

    async def _complete(
        self, backend: ModelBackend, request: ModelRequest, prepared: _Prepared
    ) -> tuple[Completion, bool]:
        try:
            return await backend.complete(request), False
        except LLMUnavailableError as exc:
            logger.warning("llm_fallback", extra={"reasons": exc.details})
        # The offline drafter gets the unmasked facts: nothing leaves the process.
        offline_inputs = self._unmasked_inputs(request.inputs, prepared)
        offline_request = replace(request, inputs=offline_inputs, model=None)
        return await self.backends.offline.complete(offline_request), True

    @staticmethod
    def _unmasked_inputs(inputs: DraftInputs, prepared: _Prepared) -> DraftInputs:
        ctx = prepared.ctx
        return replace(
            inputs,
            customer_name=ctx.customer.name,
            latest_customer_text="\n".join(m.body for m in ctx.latest_customer_turn),
            questions=prepared.question_texts,
            passages=prepared.passages,
            subject=ctx.subject,
            greeting_name=address_name(ctx.customer.name, inputs.language),
        )

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
    ) -> DraftOutcome:
        draft_language = detect_language(body) if body.strip() else prepared.ctx.customer_language
        ctx = replace(prepared.ctx, draft_language=draft_language)
        with timer.stage("guardrails"):
            outcome: GuardrailOutcome = self.runner.run(body, ctx, list(prepared.questions))
        report = assemble_report(
            draft_id=new_draft_id(),
            subject=reply_subject(resolved.request.thread.subject),
            body=body,
            language=draft_language,
            outcome=outcome,
            extra_findings=extra,
            redactions=Redactions(
                inbound=redaction.inbound_counts(), outbound=outbound_counts(outcome.findings)
            ),
            citations=cited_passages(body, prepared.passages),
            model=completion.model,
            prompt_version=prompt_version,
            usage=Usage(
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
                cost_usd=completion.cost_usd,
            ),
            timings_ms=timer.report(),
        )
        decisions = redaction.decisions() + outbound_decisions(
            body, outcome.findings, self.fingerprint
        )
        return DraftOutcome(report=report, decisions=decisions)
