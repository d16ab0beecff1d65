"""What went wrong with a model call, in one line an operator can act on.

litellm wraps transport failures in its own exception types (a refused connection and a
missing key both arrive as ``InternalServerError`` with HTTP 500), so the cause is read from the
exception chain, never from the status alone. Provider messages may echo the prompt (and so
customer data): only fixed phrases chosen here ever reach a log line or a report.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

RETRYABLE_STATUS = frozenset({408, 409, 429})
_TIMEOUT_NAMES = frozenset({"Timeout", "TimeoutError", "ReadTimeout", "ConnectTimeout"})
_CONNECTION_NAMES = frozenset(
    {"APIConnectionError", "ConnectError", "ClientConnectorError", "ServerDisconnectedError"}
)


_CLIENT_BUGS = (ImportError, TypeError, AttributeError, KeyError, ValueError)


@dataclass(frozen=True)
class ModelFailure:
    """One failed model attempt: a short cause, and whether trying again may help."""

    cause: str
    retryable: bool
    status: int | None = None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def status_of(exc: BaseException) -> int | None:
    """HTTP status carried by a provider exception, if any."""
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def _message(exc: BaseException) -> str:
    # Read only to recognise a cause; never copied into the description.
    return str(getattr(exc, "message", "") or exc).lower()


class BreakerOpenError(Exception):
    """The model's circuit breaker is open: it is skipped until its cool-down ends."""


class EmptyCompletionError(Exception):
    """The model answered with no text (empty, null or whitespace only): a failed attempt."""


class UnfinishedStreamError(Exception):
    """A streamed answer ended with neither a finish reason nor ``[DONE]``: cut off, not done.

    OpenAI, vLLM, llama.cpp's server and Ollama's OpenAI-compatible endpoint all end a stream
    with a chunk carrying the finish reason, then ``data: [DONE]``; a body that just stops (a
    connection dropped mid-event, a proxy closing its end) is a failed attempt, retried.
    """


class UnreadableChunkError(Exception):
    """A streamed chunk lacked a field its protocol requires: the server's failure, retried.

    Ollama's ``/api/chat`` reports a failure after its stream began as one ``{"error": ...}``
    line (no ``message``); litellm's parser fails on it with a ``KeyError``, which was read as
    a failure of the client, never retried nor counted against the model.
    """


def lacks_a_field(exc: BaseException) -> bool:
    """Whether ``exc`` comes from a lookup that failed (``KeyError``, ``IndexError``).

    The bottom of its chain is read: raised while reading a streamed chunk, the chunk lacked
    a field its protocol requires.
    """
    return isinstance(list(_chain(exc))[-1], LookupError)


def classify(exc: BaseException, timeout_s: float | None = None) -> ModelFailure:
    """The real cause of ``exc`` and whether the retry policy should try again.

    ``timeout_s`` (the per-attempt limit) is named in a timeout's cause.
    """
    own = _own_failure(exc)
    if own is not None:
        return own
    chain = list(_chain(exc))
    names = {type(e).__name__ for e in chain}
    status = status_of(exc)
    text = _message(exc)
    if "ContextWindowExceededError" in names or "context length" in text:
        return ModelFailure(
            "context too small for the prompt (raise the server's context size)",
            retryable=False,
            status=status,
        )
    if "missing credentials" in text or ("api_key" in text and "must be set" in text):
        return ModelFailure("missing API key (set REPLYDRAFT_LLM_API_KEY)", False, status)
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return ModelFailure("connection refused (is the server running at the base URL?)", True)
    if isinstance(exc, asyncio.TimeoutError | TimeoutError) or names & _TIMEOUT_NAMES:
        limit = f" after {timeout_s:g} s" if timeout_s else ""
        return ModelFailure(
            f"timeout{limit} (raise REPLYDRAFT_LLM_TIMEOUT_S or lower max tokens)", True
        )
    unreadable_or_bug = _unreadable_or_client_bug(chain, status)
    if unreadable_or_bug is not None:
        return unreadable_or_bug
    transport = any(isinstance(e, httpx.TransportError) for e in chain)
    if transport or names & _CONNECTION_NAMES or "connection error" in text:
        return ModelFailure("connection failed (server unreachable)", True)
    if status in (401, 403):
        return ModelFailure(f"HTTP {status}: API key rejected", False, status)
    if status == 404:
        return ModelFailure(
            "HTTP 404: not found (does the base URL end with /v1? is the model name right?)",
            False,
            status,
        )
    if status is not None:
        retryable = status >= 500 or status in RETRYABLE_STATUS
        return ModelFailure(f"HTTP {status} ({type(exc).__name__})", retryable, status)
    return ModelFailure(type(exc).__name__, retryable=False)


def _own_failure(exc: BaseException) -> ModelFailure | None:
    """A failure this backend raised itself (an answer it judged unusable, an open breaker)."""
    if isinstance(exc, EmptyCompletionError):
        return ModelFailure("empty completion (no text in the answer)", retryable=True)
    if isinstance(exc, UnfinishedStreamError):
        return ModelFailure("stream cut off (no finish reason, no [DONE])", retryable=True)
    if isinstance(exc, UnreadableChunkError):
        return ModelFailure("a streamed chunk without the expected fields", retryable=True)
    if isinstance(exc, BreakerOpenError):
        return ModelFailure(str(exc), retryable=False)
    return None


def _unreadable_or_client_bug(
    chain: list[BaseException], status: int | None
) -> ModelFailure | None:
    """An answer that is not JSON (retried), or a failure of litellm itself (not retried)."""
    if any(isinstance(e, json.JSONDecodeError) for e in chain):
        # What the server sent could not be read as JSON (a proxy's error page, a chunk cut
        # in two): the server's fault, so retried and counted by the breaker. It was taken
        # for a bug of the client (a ValueError) and never retried.
        return ModelFailure("the answer is not valid JSON", True, status)
    innermost = chain[-1]
    if isinstance(innermost, _CLIENT_BUGS) and not isinstance(innermost, OSError):
        # litellm reports its own failures (a missing optional module, a parse error) as
        # APIConnectionError; they are not the network and another attempt will not help.
        return ModelFailure(
            f"the litellm client failed ({type(innermost).__name__}), not the server", False
        )
    return None
