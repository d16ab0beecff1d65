"""The ``litellm`` backend: any provider litellm speaks to, with retries and fallback models."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NoReturn

import httpx
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from service.backends.base import ChatMessage, Completion, ModelRequest, TextSink
from service.backends.breaker import CircuitBreaker, Marks
from service.backends.failures import (
    BreakerOpenError,
    EmptyCompletionError,
    ModelFailure,
    UnfinishedStreamError,
    UnreadableChunkError,
    classify,
    lacks_a_field,
)
from service.backends.litellm_env import load_litellm
from service.backends.retry import BackoffWait, is_retryable, retry_after_seconds
from service.errors import LLMUnavailableError

logger = logging.getLogger(__name__)


class ModelCallError(LLMUnavailableError):
    """Every model failed; ``failures`` holds each model's last failure, classified."""

    def __init__(self, reasons: list[str], failures: list[ModelFailure]) -> None:
        super().__init__("no configured model answered", details=reasons)
        self.failures = failures


@dataclass
class _Calling:
    """The model a request is calling now and since when (loop time), for the deadline.

    ``opened`` says whether the model's stream opened (the server's response headers came);
    ``marks`` are the model's answers and counted failures (every worker's, when the breaker
    is shared) when the call began; ``deadline_at`` is when the request's deadline ends.
    """

    model: str | None = None
    deadline_at: float | None = None
    since: float = 0.0
    opened: bool = False
    marks: Marks | None = None


# Set by ``complete`` for the request's task: ``_guarded`` notes the model it calls, so a
# deadline that cuts the call (a cancellation, which no ``except Exception`` sees) is known.
_CALLING: contextvars.ContextVar[_Calling | None] = contextvars.ContextVar(
    "replydraft_model_calling", default=None
)


def _note_opened() -> None:
    """Note for the request's deadline that its model's stream opened (headers came).

    The model is answering, not hung (``LiteLLMBackend._blame_for_deadline``).
    """
    calling = _CALLING.get()
    if calling is not None:
        calling.opened = True


class LiteLLMBackend:
    """Calls ``litellm.acompletion``; tenacity is the only retry layer (litellm's is off)."""

    name = "litellm"
    local = False

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        fallback_models: Sequence[str] = (),
        timeout_s: float = 30.0,
        max_attempts: int = 3,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 20.0,
        temperature: float = 0.2,
        max_tokens: int = 1024,
        deadline_s: float | None = None,
        breaker: CircuitBreaker | None = None,
        streamed: bool = True,
    ) -> None:
        self.model = model
        self.api_base = api_base
        self._api_key = api_key
        self.fallback_models = tuple(fallback_models)
        self.timeout_s = timeout_s
        self.max_attempts = max_attempts
        self._wait = BackoffWait(backoff_initial_s, backoff_max_s)
        self.backoff_max_s = backoff_max_s
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.deadline_s = deadline_s
        self.breaker = breaker
        self.streamed = streamed

    async def complete(self, request: ModelRequest, *, sink: TextSink | None = None) -> Completion:
        """Stream the draft from the requested model, then each fallback, within the deadline.

        Each attempt streams (``stream=True``): ``timeout_s`` bounds the wait for the first
        token and between tokens, so a slow server that is generating is not cut off, while
        ``deadline_s`` bounds the whole call. A stopped or cancelled attempt closes its
        connection, which makes llama.cpp, Ollama and vLLM stop generating. With
        ``streamed=False`` each attempt is one answer that ``timeout_s`` bounds as a whole,
        unless a ``sink`` is given: a caller waiting for tokens always gets a stream.

        ``sink`` gets each piece of text as it arrives; every attempt (a retry, a fallback
        model) first restarts it, so the sink always holds the text of the attempt that won.
        """
        calling = _Calling()
        if self.deadline_s is not None:
            calling.deadline_at = asyncio.get_running_loop().time() + self.deadline_s
        token = _CALLING.set(calling)
        try:
            async with asyncio.timeout(self.deadline_s):
                return await self.chat(
                    request.messages,
                    model=request.model,
                    streamed=self.streamed or sink is not None,
                    sink=sink,
                )
        except TimeoutError:
            cause = f"deadline of {self.deadline_s:g} s passed (REPLYDRAFT_LLM_DEADLINE_S)"
            name = request.model or self.model
            logger.warning("model %s stopped: %s", name, cause, extra={"model": name})
            self._blame_for_deadline(calling)
            raise ModelCallError([f"{name}: {cause}"], [ModelFailure(cause, False)]) from None
        finally:
            _CALLING.reset(token)

    def _blame_for_deadline(self, calling: _Calling) -> None:
        """Count the deadline against the model it cut, when that model had its fair time.

        A cut call is cancelled, so it was never counted: with a deadline shorter than the
        attempts' timeouts a hung model never opened its breaker, and every request waited the
        whole deadline. Fair time is one attempt's timeout, or half the deadline when that is
        shorter: a fallback reached in the last seconds, after the first model used up the
        deadline, is not blamed. Nor is a model that gave a sign of life: its stream opened
        (response headers, then tokens: it was answering, only slower than the deadline), or
        it answered another request since this call began, in any worker sharing the breaker.
        Requests cut at the same moment counted as that many failures in a row, and opened the
        breaker of a model answering most requests just inside the deadline: now calls cut
        together count once (not when a failure of the model was counted since this call
        began, by any worker; :meth:`CircuitBreaker.record_cut`). A server that opens its
        stream and then hangs is still counted, by the attempt's timeout between tokens.
        """
        model = calling.model
        if self.breaker is None or model is None or self.deadline_s is None:
            return
        fair = min(self.timeout_s, self.deadline_s / 2)
        if asyncio.get_running_loop().time() - calling.since < fair or calling.opened:
            return
        self.breaker.record_cut(model, calling.marks)

    async def chat(
        self,
        messages: Sequence[ChatMessage],
        *,
        model: str | None = None,
        response_format: Mapping[str, Any] | None = None,
        streamed: bool = False,
        sink: TextSink | None = None,
    ) -> Completion:
        """Send ``messages`` with retries and fallbacks; ``response_format`` asks for JSON.

        ``streamed`` streams each attempt (drafts), handing its pieces to ``sink`` if given;
        judges ask for one JSON answer at once.

        Every failed attempt is logged as one line naming the model, the attempt and the
        cause; the error raised when all models fail carries those causes.
        """
        models = [model or self.model, *self.fallback_models]
        reasons: list[str] = []
        failures: list[ModelFailure] = []
        for position, name in enumerate(dict.fromkeys(models)):
            try:
                completion = await self._guarded(name, messages, response_format, streamed, sink)
            except Exception as exc:  # noqa: BLE001 - every provider error means "next model"
                failure = classify(exc, self.timeout_s)
                reasons.append(f"{name}: {failure.cause}")
                failures.append(failure)
                continue
            if position:
                return replace(completion, fallback_reason="; ".join(reasons))
            return completion
        raise ModelCallError(reasons, failures)

    async def _guarded(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        response_format: Mapping[str, Any] | None,
        streamed: bool,
        sink: TextSink | None = None,
    ) -> Completion:
        """One model's retried call behind its circuit breaker (skipped while it is open)."""
        admission = self.breaker.admit(model) if self.breaker is not None else None
        if self.breaker is not None and admission is None:
            raise BreakerOpenError(
                f"circuit breaker open after {self.breaker.threshold} failures in a row; "
                f"skipped for up to {self.breaker.cooldown_s:g} s"
            )
        calling = _CALLING.get()
        if calling is not None:
            calling.model, calling.since = model, asyncio.get_running_loop().time()
            calling.opened = False
            if self.breaker is not None:
                calling.marks = self.breaker.marks(model)
        try:
            completion = await self._complete_with_retries(
                model, messages, response_format, streamed, sink
            )
        except Exception as exc:
            if calling is not None:
                calling.model = None  # its failure is counted here, not by the deadline
            # A refused request (4xx) says nothing about the model being down.
            if self.breaker is not None and classify(exc, self.timeout_s).retryable:
                self.breaker.record_failure(model)
            elif self.breaker is not None and admission is not None:
                self.breaker.end_trial(model, admission)
            raise
        except BaseException:
            # Cancelled (the deadline, a client gone): a cut is judged by record_cut, which
            # may count nothing, so a trial ends here either way; its outcome, if counted,
            # re-opens the breaker regardless.
            if self.breaker is not None and admission is not None:
                self.breaker.end_trial(model, admission)
            raise
        if calling is not None:
            calling.model = None
        if self.breaker is not None:
            self.breaker.record_success(model)
        return completion

    async def _complete_with_retries(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        response_format: Mapping[str, Any] | None,
        streamed: bool = False,
        sink: TextSink | None = None,
    ) -> Completion:
        attempts = 0
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self._wait,
            retry=retry_if_exception(self._worth_retrying),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                attempts += 1
                try:
                    if streamed:
                        completion = await self._streamed_attempt(model, messages, sink)
                    else:
                        response = await self._call(model, messages, response_format)
                        completion = self._to_completion(model, response)
                    if not completion.text:
                        raise EmptyCompletionError(f"{model} answered with no text")
                except Exception as exc:
                    self._log(model, attempts, exc)
                    raise
        return replace(completion, attempts=attempts)

    def _worth_retrying(self, exc: BaseException) -> bool:
        """Retry ``exc`` unless the provider asked for a wait this call cannot give it.

        A ``Retry-After`` beyond ``backoff_max_s`` (the longest wait) was cut to that wait, so
        the model was asked again early, to be refused again; one beyond the request's
        deadline used up the deadline, and no fallback was tried. Either way the next model
        (then the offline drafter) is tried now; the failure counts for the breaker as ever.
        """
        if not is_retryable(exc):
            return False
        asked = retry_after_seconds(exc)
        if asked is None:
            return True
        if asked > self.backoff_max_s:
            return False
        calling = _CALLING.get()
        if calling is None or calling.deadline_at is None:
            return True
        return asyncio.get_running_loop().time() + asked < calling.deadline_at

    async def _chunks(
        self, model: str, messages: Sequence[ChatMessage], opened: _Opened
    ) -> AsyncIterator[Any]:
        """One streamed call's chunks; the connection is closed however the caller stops.

        ``opened`` is told whether the chunks are the server's own (``_provider_stream``).
        """
        litellm = load_litellm()
        response = await asyncio.wait_for(
            litellm.acompletion(
                model=model,
                messages=[{"role": m.role, "content": m.content} for m in messages],
                stream=True,
                stream_options={"include_usage": True},
                api_base=self.api_base,
                api_key=self._api_key,
                timeout=self.timeout_s,
                temperature=self.temperature,
                max_tokens=self.max_tokens,
                num_retries=0,
                max_retries=0,
            ),
            timeout=self.timeout_s + 1.0,
        )
        provider_stream = _provider_stream(response)
        opened.provider_own = provider_stream is not None
        if provider_stream is not None:
            _read_as_json(provider_stream)
            _watch_for_done(provider_stream, opened)
        iterator = (provider_stream or response).__aiter__()
        _note_opened()
        finished = False
        repeats = _RepeatGuard(limit=int(litellm.REPEATED_STREAMING_CHUNK_LIMIT))
        try:
            while True:
                try:
                    # timeout_s bounds the wait for each token, not the whole answer. A timeout
                    # scope, not wait_for: that wraps every chunk in a task of its own.
                    async with asyncio.timeout(self.timeout_s):
                        chunk = await iterator.__anext__()
                except StopAsyncIteration:
                    # A body that just stopped (a connection dropped mid-event) ends the
                    # iteration as cleanly as a finished answer: only the missing end tells.
                    if provider_stream is not None:
                        ended = finished or opened.done
                    else:
                        ended = _wrapper_saw_finish(response, finished)
                    if not ended:
                        raise UnfinishedStreamError(f"{model} stream cut off") from None
                    return
                except TimeoutError:
                    raise
                except Exception as exc:
                    if provider_stream is None:
                        _raise_wrapper_failure(model, exc)
                    # What litellm's wrapper does with a failure of the stream it wraps: a
                    # connection dropped after the finish reason ends a complete answer;
                    # anything else is mapped to litellm's exceptions (a mid-stream error
                    # event is a retryable HTTP 500) and logged as a failed call.
                    if finished and isinstance(exc, (httpx.ReadError, httpx.RemoteProtocolError)):
                        return
                    response._log_stream_failure_and_raise(exc)
                reason = _finish_reason(chunk)
                if provider_stream is not None:
                    # The wrapper's own checks on each chunk, kept on the server's stream:
                    # a finish reason "error" (a provider that failed mid-answer) and a model
                    # repeating one chunk over and over fail the attempt (retried, then the
                    # fallback), never a finished draft.
                    failure = _stream_failure(reason, _delta(chunk), repeats)
                    if failure is not None:
                        response._log_stream_failure_and_raise(failure)
                # An empty finish reason is none (older Ollama sends "" on every chunk):
                # a connection dropped after it is a cut-off answer, not a finished one.
                finished = finished or bool(reason)
                yield chunk
        finally:
            await _close(response)

    async def _streamed_attempt(
        self, model: str, messages: Sequence[ChatMessage], sink: TextSink | None = None
    ) -> Completion:
        if sink is not None:
            sink.restart()  # text of an earlier, failed attempt is not this draft
        started = time.perf_counter()
        first_token_ms: float | None = None
        pieces: list[str] = []
        finish_reason: str | None = None
        usage: Any = None
        # Only the text, the finish reason and the last usage are kept: rebuilding the whole
        # response from its chunks (litellm's stream_chunk_builder) cost about as much CPU as
        # the rest of the draft's guardrails, for a usage block the last chunk already carries.
        opened = _Opened()
        async for chunk in self._chunks(model, messages, opened):
            piece = _delta(chunk)
            if piece:
                if first_token_ms is None:
                    first_token_ms = round((time.perf_counter() - started) * 1000, 3)
                pieces.append(piece)
                if sink is not None:
                    sink.write(piece)
            finish_reason = _finish_reason(chunk) or finish_reason
            usage = _field(chunk, "usage") or usage
        if opened.provider_own:
            # The wrapper's reading of a finish reason: mapped to OpenAI's ("max_tokens" is
            # "length", "eos_token" is "stop"), and "stop" when the server sent none.
            finish_reason = _mapped_finish_reason(finish_reason)
            if usage is None and pieces:
                # litellm's wrapper counts the tokens itself when a server sends no usage (one
                # that ignores include_usage); the provider's own stream does not, so count
                # here, off the event loop (a tokenizer may load on first use).
                usage = await asyncio.to_thread(_counted_usage, model, messages, "".join(pieces))
        prompt_tokens = int(_field(usage, "prompt_tokens") or 0)
        completion_tokens = int(_field(usage, "completion_tokens") or 0)
        return Completion(
            text="".join(pieces).strip(),
            model=model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=token_cost(model, prompt_tokens, completion_tokens) if usage else None,
            finish_reason=finish_reason,
            first_token_ms=first_token_ms,
        )

    def _log(self, model: str, attempt: int, exc: BaseException) -> None:
        failure = classify(exc, self.timeout_s)
        logger.warning(
            "model %s attempt %d/%d failed: %s",
            model,
            attempt,
            self.max_attempts,
            failure.cause,
            extra={
                "model": model,
                "attempt": attempt,
                "cause": failure.cause,
                "status": failure.status,
                "retryable": failure.retryable,
            },
        )

    async def _call(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        response_format: Mapping[str, Any] | None,
    ) -> Any:
        litellm = load_litellm()
        extra: dict[str, Any] = (
            {"response_format": dict(response_format)} if response_format else {}
        )
        # The outer wait_for bounds an attempt even if the client ignores its own timeout.
        return await asyncio.wait_for(
            litellm.acompletion(
                model=model,
                messages=[{"role": m.role, "content": m.content} for m in messages],
                **extra,
                api_base=self.api_base,
                api_key=self._api_key,
                timeout=self.timeout_s,
                temperature=self.temperature,
                max_tokens=self.max_tokens,
                num_retries=0,
                max_retries=0,
            ),
            timeout=self.timeout_s + 1.0,
        )

    @staticmethod
    def _to_completion(model: str, response: Any) -> Completion:
        choice = _first_choice(response)
        # No choice, no message or a null content: no text, a failed attempt (retried), as an
        # empty answer. Indexing the first choice raised IndexError, taken for a client bug.
        text = _field(_field(choice, "message"), "content") or ""
        if not isinstance(text, str):
            raise EmptyCompletionError(f"{model} answered with no text")
        usage = getattr(response, "usage", None)
        return Completion(
            text=text.strip(),
            model=model,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            cost_usd=_cost(response),
            finish_reason=getattr(choice, "finish_reason", None),
        )


def _field(part: Any, name: str) -> Any:
    """``part.name`` of a chunk or a part of one: litellm's objects, or the server's JSON."""
    if isinstance(part, dict):
        return part.get(name)
    return getattr(part, name, None)


def _first_choice(chunk: Any) -> Any:
    choices = _field(chunk, "choices")
    return choices[0] if isinstance(choices, list) and choices else None


def _delta(chunk: Any) -> str | None:
    content = _field(_field(_first_choice(chunk), "delta"), "content")
    return content if isinstance(content, str) else None


def _finish_reason(chunk: Any) -> str | None:
    reason = _field(_first_choice(chunk), "finish_reason")
    return reason if isinstance(reason, str) else None


def _raise_wrapper_failure(model: str, exc: Exception) -> NoReturn:
    """Raise what litellm's stream wrapper raised while reading a chunk.

    A chunk that lacked a field its protocol requires (``lacks_a_field``) is the server's
    failure (retried, counted by the breaker), not the client's.
    """
    if lacks_a_field(exc):
        raise UnreadableChunkError(f"{model} sent an unreadable chunk") from exc
    raise exc


def _read_as_json(stream: Any) -> None:
    """Have the OpenAI SDK's ``stream`` yield each chunk as its parsed JSON (a dict).

    The SDK builds a ``ChatCompletionChunk`` from every chunk with its own lenient,
    pure-Python constructor (no validation): about 0.1 ms of CPU a chunk, over half of a
    streamed call's CPU, to carry the three fields the draft reads (text, finish reason,
    usage; ``_field``). Everything else stays the SDK's: reading the server-sent events,
    stopping at ``[DONE]``, raising an error event as ``APIError``, closing the response.
    ``cast_to`` ``object`` is the SDK's own "hand the data over as parsed" (its
    ``_process_response_data``); the stream reads it when iteration starts.
    """
    stream._cast_to = object


def _provider_stream(response: Any) -> Any | None:
    """The OpenAI SDK's own stream inside litellm's wrapper, for an OpenAI-compatible server.

    For ``openai/...`` models (and the providers litellm serves with its OpenAI client:
    ``lm_studio/``, ``llamafile/``, ``litellm_proxy/`` and others) litellm wraps the SDK's
    ``AsyncStream`` of chat-completion chunks, already in the shape the draft reads (content,
    finish reason, usage), and rebuilds each chunk as a pydantic object of its own, then logs
    and prices the whole answer: about two thirds of a streamed call's CPU (34 -> 12 ms for a
    53-chunk answer in-process), for nothing the draft keeps. Reading the SDK's stream gives
    the same text and usage (a server that sends no usage is counted as litellm counts it,
    ``_counted_usage``, from the text only: reasoning and tool calls are not counted), with
    the wrapper's mapping of finish reasons and its failures on a finish reason "error" and
    on a looping model (``_stream_failure``). Other providers' streams differ in shape and
    keep litellm's wrapper. None when the wrapper must be read.
    """
    if getattr(response, "custom_llm_provider", None) != "openai":
        return None
    from openai import AsyncStream  # litellm's own dependency, loaded with it

    stream = getattr(response, "completion_stream", None)
    return stream if isinstance(stream, AsyncStream) else None


def _mapped_finish_reason(reason: str | None) -> str:
    """A server's finish reason as litellm's wrapper reports it (OpenAI's names)."""
    if not reason:
        return "stop"
    from litellm.litellm_core_utils.core_helpers import map_finish_reason

    return str(map_finish_reason(reason))


@dataclass
class _RepeatGuard:
    """Counts one content chunk repeated in a row, as litellm's wrapper does (its loop guard)."""

    limit: int
    last: str | None = None
    count: int = 0

    def repeated_too_often(self, content: str | None) -> bool:
        """Whether ``content`` makes the run of identical chunks reach the limit."""
        if content is None or len(content) <= 2:  # short pieces repeat in normal text
            self.last, self.count = None, 0
            return False
        self.count = self.count + 1 if content == self.last else 1
        self.last = content
        return self.count >= self.limit


def _stream_failure(
    reason: str | None, content: str | None, repeats: _RepeatGuard
) -> Exception | None:
    """The failure litellm's wrapper would raise on a chunk of a server's stream, if any.

    ``reason`` and ``content`` are the chunk's finish reason and text.
    """
    if reason == "error":
        return RuntimeError("the model server raised a streaming error (finish_reason: error)")
    if repeats.repeated_too_often(content):
        litellm = load_litellm()
        looping: Exception = litellm.InternalServerError(
            message="The model is repeating the same chunk.", model="", llm_provider=""
        )
        return looping
    return None


@dataclass
class _Opened:
    """What ``_chunks`` opened: the server's own chunks, or litellm's wrapper.

    ``done`` is set when the server's own stream reached ``data: [DONE]``.
    """

    provider_own: bool = False
    done: bool = False


def _watch_for_done(stream: Any, opened: _Opened) -> None:
    """Note in ``opened.done`` when the SDK's ``stream`` reads the server's ``[DONE]`` event.

    The SDK stops at ``[DONE]`` and at a body that just ends alike; a stream whose chunks
    carried no finish reason (or only "", as older Ollama sends) is finished only if it got
    there. The SDK reads its events through ``_iter_events`` when iteration starts.
    """
    events = stream._iter_events

    async def watched() -> AsyncIterator[Any]:
        async for event in events():
            if event.data.startswith("[DONE]"):
                opened.done = True
            yield event

    stream._iter_events = watched


def _wrapper_saw_finish(response: Any, finished: bool) -> bool:
    """Whether the server behind litellm's stream wrapper sent a finish reason.

    The wrapper's last chunk always says "stop" (its ``finish_reason_handler`` puts "stop" when
    the server sent none), so a stream cut off mid-answer read as finished; what the server
    sent is kept in ``received_finish_reason`` (or ``intermittent_finish_reason``). A stream
    that is not litellm's wrapper has only the chunks' own finish reasons (``finished``).
    """
    if not hasattr(response, "received_finish_reason"):
        return finished
    sent = response.received_finish_reason or getattr(response, "intermittent_finish_reason", None)
    return bool(sent)


@dataclass(frozen=True)
class _Usage:
    prompt_tokens: int
    completion_tokens: int


def _counted_usage(model: str, messages: Sequence[ChatMessage], text: str) -> _Usage:
    """Token counts as litellm's stream wrapper makes them when the server sends no usage."""
    litellm = load_litellm()
    sent = [{"role": m.role, "content": m.content} for m in messages]
    return _Usage(
        prompt_tokens=int(litellm.token_counter(model=model, messages=sent)),
        completion_tokens=int(
            litellm.token_counter(model=model, text=text, count_response_tokens=True)
        ),
    )


async def _close(response: Any) -> None:
    """Close a streamed response so the server sees the client go and stops generating."""
    close = getattr(response, "aclose", None)
    if close is None:
        return
    try:
        await close()
    except Exception:  # noqa: BLE001 - closing a broken stream must not hide the first error
        logger.debug("closing a model stream failed", exc_info=True)


def _cost(response: Any) -> float | None:
    # litellm prices every answer once itself (``_hidden_params["response_cost"]``, None when
    # the model has no price): pricing it again cost as much CPU as the rest of the call.
    hidden = getattr(response, "_hidden_params", None)
    if isinstance(hidden, dict) and "response_cost" in hidden:
        cost = hidden["response_cost"]
    else:
        try:
            cost = load_litellm().completion_cost(completion_response=response)
        except Exception:  # noqa: BLE001 - unknown price is not an error: the cost is null
            return None
    return float(cost) if cost else None


@lru_cache(maxsize=64)
def _priced(model: str) -> bool:
    """Whether litellm's bundled price list knows ``model`` (asked once per model)."""
    try:
        load_litellm().cost_per_token(model=model, prompt_tokens=1, completion_tokens=1)
    except Exception:  # noqa: BLE001 - an unmapped model (a local server) has no price
        return False
    return True


def token_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    """The call's price in USD from litellm's bundled price list; None when unknown or 0."""
    if not _priced(model):
        return None
    prompt_cost, completion_cost = load_litellm().cost_per_token(
        model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
    )
    total = float(prompt_cost) + float(completion_cost)
    return total or None
