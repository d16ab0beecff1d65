"""End-to-end checks of the configured model, for ``replydraft doctor`` and the benchmark.

Each check sends real requests through the same backend the pipeline uses and ends in one
line: what was seen and, on failure, what to change. Nothing here reads customer data: the
prompt is a synthetic one of a typical request's size.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

from guardrails.context import Article, GuardrailContext, Message
from guardrails.questions import LLMJudge, Question
from guardrails.questions.llm_judge import ChatTurn, JudgeAnswer, JudgeUnavailableError
from service.backends.base import ChatMessage, DraftInputs, ModelRequest, Passage
from service.backends.litellm_backend import LiteLLMBackend, ModelCallError
from service.backends.presets import resolve_endpoint
from service.backends.select import OFFLINE, judge_backend_from_settings, litellm_from_settings
from service.backends.structured import StructuredCaller
from service.pipeline.prompting import PromptRenderer, ThreadLine
from service.settings import Settings

# A neutral support sentence; repeated to the size of a typical thread and KB passage.
_FILLER = (
    "The order was placed last week and the tracking page has not changed since Monday, "
    "so the customer would like to know when it will arrive and whether a refund is possible. "
)
_ARTICLE = (
    "Orders ship within two business days. Tracking updates can pause for up to three days "
    "while a parcel is in transit. Refunds are issued to the original payment method. "
)


@dataclass(frozen=True)
class Check:
    """One doctor line: the check's name, whether it passed, and what was seen or what to fix."""

    name: str
    ok: bool
    detail: str
    required: bool = True  # a failed optional check is reported but does not fail the doctor

    def line(self) -> str:
        """The check as one line of output."""
        mark = "ok  " if self.ok else ("FAIL" if self.required else "warn")
        return f"{mark} {self.name}: {self.detail}"


def sample_messages(settings: Settings) -> tuple[ChatMessage, ...]:
    """A drafting prompt of a typical request's size: a 3-message thread, top-k articles."""
    passages = tuple(
        Passage(f"article-{i}", f"Shipping and refunds {i}", _ARTICLE * 6, None, None, 1.0)
        for i in range(settings.retrieval_top_k)
    )
    inputs = DraftInputs(
        language="en",
        customer_name="<PERSON_1>",
        agent_name="Sam",
        agent_title="Support",
        brand="Example Co.",
        subject="Where is my order?",
        latest_customer_text=_FILLER * 3,
        questions=("When does my parcel get here?", "Can I get a refund?"),
        passages=passages,
    )
    thread = [
        ThreadLine("customer", "<PERSON_1>", _FILLER * 3),
        ThreadLine("agent", "Sam", _FILLER),
        ThreadLine("customer", "<PERSON_1>", _FILLER * 3),
    ]
    rendered = PromptRenderer().render(inputs, thread, voice_guide="", banned_phrases=())
    return rendered.messages


def _request(messages: tuple[ChatMessage, ...]) -> ModelRequest:
    inputs = DraftInputs("en", None, None, None, None, None, "", (), ())
    return ModelRequest(messages, inputs)


def _single_attempt(backend: LiteLLMBackend, max_tokens: int) -> LiteLLMBackend:
    return LiteLLMBackend(
        backend.model,
        api_base=backend.api_base,
        api_key=backend._api_key,  # noqa: SLF001 - the same endpoint, one attempt, few tokens
        timeout_s=backend.timeout_s,
        max_attempts=1,
        max_tokens=max_tokens,
        deadline_s=backend.deadline_s,
    )


async def check_reachable(backend: LiteLLMBackend) -> Check:
    """A tiny streamed request: the server answers and accepts the key."""
    probe = _single_attempt(backend, max_tokens=8)
    hello = (ChatMessage("user", "Reply with the single word OK."),)
    started = time.perf_counter()
    try:
        completion = await probe.complete(_request(hello))
    except ModelCallError as exc:
        return Check("reachable", False, "; ".join(str(d) for d in exc.details))
    elapsed = (time.perf_counter() - started) * 1000
    first = f", first token {completion.first_token_ms:.0f} ms" if completion.first_token_ms else ""
    where = backend.api_base or "the provider's default URL"
    return Check(
        "reachable",
        True,
        f"{backend.model} at {where} answered in {elapsed:.0f} ms{first}; key accepted",
    )


async def served_context(api_base: str | None, api_key: str | None, model: str) -> int | None:
    """The context size the server reports for ``model`` in ``GET /models``, if it does.

    vLLM lists ``max_model_len``; some servers use ``context_length`` or ``n_ctx``.
    """
    if not api_base:
        return None
    headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
    served = model.split("/", 1)[-1]
    try:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(api_base.rstrip("/") + "/models", headers=headers)
        entries: list[Any] = response.json().get("data", []) if response.is_success else []
    except (httpx.HTTPError, ValueError, AttributeError):
        return None
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id") == served:
            for key in ("max_model_len", "context_length", "n_ctx"):
                if isinstance(entry.get(key), int):
                    return int(entry[key])
    return None


async def check_context(backend: LiteLLMBackend, settings: Settings) -> Check:
    """A typical-size prompt fits the server's context, with room for the draft's tokens."""
    messages = sample_messages(settings)
    probe = _single_attempt(backend, max_tokens=1)
    try:
        completion = await probe.complete(_request(messages))
    except ModelCallError as exc:
        return Check("context", False, "; ".join(str(d) for d in exc.details))
    prompt = completion.prompt_tokens
    needed = prompt + settings.llm_max_tokens
    size = await served_context(backend.api_base, backend._api_key, backend.model)  # noqa: SLF001
    if size is not None and needed > size:
        return Check(
            "context",
            False,
            f"a typical prompt ({prompt} tokens) plus REPLYDRAFT_LLM_MAX_TOKENS "
            f"({settings.llm_max_tokens}) needs {needed} tokens but the server's context is "
            f"{size}: raise the server's context size (-c / --max-model-len / num_ctx)",
        )
    known = f" of {size}" if size is not None else " (server did not report its size)"
    return Check(
        "context",
        True,
        f"a typical prompt ({prompt} tokens) + {settings.llm_max_tokens} draft tokens fits{known}",
    )


class _PlainJudgeCompletion:
    """The judge's model call without masking: the doctor's sample holds no personal data."""

    def __init__(self, caller: StructuredCaller) -> None:
        self.caller = caller

    async def __call__(self, messages: Any, schema: Any) -> JudgeAnswer:
        turns: list[ChatTurn] = list(messages)
        chat = tuple(ChatMessage(t["role"], t["content"]) for t in turns)
        try:
            completion = await self.caller.json_answer(chat, schema, name="question_verdicts")
        except ModelCallError as exc:
            raise JudgeUnavailableError("; ".join(str(d) for d in exc.details)) from None
        return JudgeAnswer(completion.text, finish_reason=completion.finish_reason)


async def check_judge_json(settings: Settings, model: str) -> Check:
    """The judge model returns JSON in the verdict schema (the ``llm`` question judge)."""
    required = settings.question_judge == "llm"
    caller = StructuredCaller(judge_backend_from_settings(settings, model))
    judge = LLMJudge(_PlainJudgeCompletion(caller))
    ctx = GuardrailContext(
        messages=(Message("customer", "Do you ship to Canada?"),),
        customer_language="en",
        draft_language="en",
        articles=(Article("shipping", "Shipping", "We ship to Canada in 5-7 days."),),
    )
    judgement = await judge.judge_async(
        [Question("q1", "Do you ship to Canada?")], "Yes, we ship to Canada.", ctx
    )
    if judgement.findings:
        reason = judgement.findings[0].evidence or "unknown"
        return Check("judge JSON", False, f"{model}: {reason}", required=required)
    mode = caller._accepted.get(model, "?")  # noqa: SLF001 - which structured mode worked
    return Check("judge JSON", True, f"{model} answered in the verdict schema ({mode})")


async def diagnose(settings: Settings) -> list[Check]:
    """Every check for the configured model, in order; later checks skip if it is unreachable."""
    model = settings.llm_model
    if not model or model == OFFLINE:
        return [
            Check(
                "model",
                True,
                "no model configured (REPLYDRAFT_LLM_MODEL): drafts come from the offline "
                "drafter; nothing to check",
            )
        ]
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    base, _ = resolve_endpoint(settings.llm_preset, settings.llm_api_base, key)
    keyless = " (no key set: a placeholder key is sent)" if base and not key else ""
    checks = [Check("model", True, f"{model} at {base or 'the provider default'}{keyless}")]
    backend = litellm_from_settings(settings, model)
    reachable = await check_reachable(backend)
    checks.append(reachable)
    if not reachable.ok:
        return checks
    checks.append(await check_context(backend, settings))
    judge_model = settings.question_judge_model or model
    checks.append(await check_judge_json(settings, judge_model))
    return checks
