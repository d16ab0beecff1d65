"""Memos for pure analyses of text, that never keep a request's text beyond its run.

About ten checks split the same draft into sentences, and the answer judge asks the same
regular expressions of the same reply windows for every question. ``run_memo`` holds the
answers only while one run lasts (a request: ``DraftPipeline.draft``, or
``GuardrailRunner.run`` on its own) and drops them on exit, so no customer text or draft
outlives the request it came with.

One mechanism, three lifetimes, for every cached analysis of text in the guardrails:

- a request's text (the customer's messages, the draft, their sentences and words): memoised
  for the run only (``per_run``); outside a run it is computed plainly, never kept;
- a word of a fixed vocabulary (``per_run(keep=...)``: a word of the shipped English lexicon,
  say): also kept process-wide, in a bounded table, as it names nobody;
- what depends only on a knowledge base: in ``kb_cache.DerivedCache`` under the KB's content
  hash, built once per KB (the judge's sentence index, ``stale_article``'s features, ...).

No ``functools.lru_cache`` is keyed by a request's text; those that remain are keyed by a
fixed vocabulary, configuration or nothing (a loaded table).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import Context, ContextVar, copy_context
from typing import Any, ParamSpec, TypeVar, cast, overload

_T = TypeVar("_T")
_P = ParamSpec("_P")


class _Memo(dict[Hashable, object]):
    """One run's analyses; once closed, emptied and never written again.

    A worker thread still running for a cancelled request holds a copy of the request's
    context, and so this memo: closed, it computes plainly instead of refilling it.
    """

    __slots__ = ("closed", "handed_over")

    def __init__(self) -> None:
        super().__init__()
        self.closed = False
        self.handed_over = False  # kept past its block (``RunHandle.keep``)

    def close(self) -> None:
        """Forget every analysis and store no more."""
        self.closed = True
        self.clear()

    def put(self, key: Hashable, value: _T) -> _T:
        """Store ``value`` under ``key``; nothing stays if another thread closed the memo."""
        self[key] = value
        if self.closed:  # closed between the caller's look and this write
            self.clear()
        return value


_MEMO: ContextVar[_Memo | None] = ContextVar("run_memo", default=None)

# Every ``per_run(keep=...)`` function, each holding its process-wide table in ``_kept``
# (see ``kept_keys``). Weak: a table made for an object (a name table, a tagger) goes with it.
_KEPT: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


class KeptRun:
    """A run's memo kept past its block, for work that belongs to the same request.

    The request's stored copies are made after the drafting block has returned
    (``DraftOutcome.analyses``): ``run(fn, ...)`` calls ``fn`` inside the run, reusing its
    analyses, and ``close()`` forgets them. Whoever keeps a run must close it.
    """

    def __init__(self, context: Context) -> None:
        self._context = context

    def run(self, fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        """``fn(*args, **kwargs)`` inside the kept run."""
        return self._context.run(fn, *args, **kwargs)

    def close(self) -> None:
        """Forget the run's analyses, in this context and in every copy made of it.

        Copies of a context share the memo: asyncio copies the running context into every
        callback and timer a library schedules during the request (aiohttp's pool does, in
        the model call), and such a copy may live as long as the event loop. Emptying the
        one memo they share empties them all.
        """
        memo = self._context.get(_MEMO)
        if memo is not None:
            memo.close()


class RunHandle:
    """What a ``run_memo`` block yields: ``keep()`` hands the run over past the block."""

    def keep(self) -> KeptRun:
        """Keep this run's memo past the block (the caller must ``close()`` it)."""
        memo = _MEMO.get()
        if memo is None:  # pragma: no cover - only yielded inside a block
            raise RuntimeError("keep() is called inside a run_memo block")
        memo.handed_over = True
        return KeptRun(copy_context())


@contextmanager
def run_memo() -> Iterator[RunHandle]:
    """Within this block, ``per_run`` functions compute each text once; forgotten on exit.

    A block inside another joins it: one request is one run, whichever step opens it first.
    On exit the memo is closed (emptied, and never written again), not only unset: a copy of
    the context taken inside the block (a callback or timer scheduled meanwhile, a worker
    thread still running for a cancelled request) would otherwise keep the request's text. A
    run handed over with ``RunHandle.keep`` is closed by ``KeptRun.close`` instead.
    """
    handle = RunHandle()
    if _MEMO.get() is not None:
        yield handle
        return
    memo = _Memo()
    token = _MEMO.set(memo)
    try:
        yield handle
    finally:
        _MEMO.reset(token)
        if not memo.handed_over:
            memo.close()


@overload
def per_run(fn: Callable[_P, _T], /) -> Callable[_P, _T]: ...
@overload
def per_run(
    *, keep: Callable[..., bool], size: int = 16_384
) -> Callable[[Callable[_P, _T]], Callable[_P, _T]]: ...
def per_run(
    fn: Callable[_P, _T] | None = None,
    /,
    *,
    keep: Callable[..., bool] | None = None,
    size: int = 16_384,
) -> Callable[_P, _T] | Callable[[Callable[_P, _T]], Callable[_P, _T]]:
    """Memoise ``fn`` (pure, of hashable positional arguments) inside ``run_memo`` blocks.

    Outside a block it is called plainly. With ``keep``, a result whose arguments ``keep``
    accepts (they are words of a fixed vocabulary, never a customer's own text) is also kept
    process-wide, up to ``size`` of them, and found without a run. Results are shared between
    callers, so they must be immutable (a tuple, a frozenset, a bool).
    """
    if fn is None:
        return lambda f: _memoise(f, keep, size)
    return _memoise(fn, keep, size)


_MISSING = object()


def _memoise(
    typed: Callable[_P, _T], keep: Callable[..., bool] | None, size: int
) -> Callable[_P, _T]:
    fn = cast("Callable[..., Any]", typed)
    kept: dict[Hashable, object] = {}
    lock = threading.Lock()

    def once(*args: Any) -> Any:
        # Hot: called per word and per token. The arguments are hashed once per table, and
        # ``keep`` is asked only of a result just computed.
        if kept:
            found = kept.get(args, _MISSING)
            if found is not _MISSING:
                return found
        memo = _MEMO.get()
        table: dict[Hashable, object] | None = None
        if memo is not None and not memo.closed:
            # No ``cast`` here: a call per look-up, on the hottest path of the guardrails.
            table = memo.get(once)  # type: ignore[assignment]
            if table is None:
                table = memo.put(once, {})
            found = table.get(args, _MISSING)
            if found is not _MISSING:
                return found
        found = fn(*args)
        if keep is not None and keep(*args):
            with lock:
                if len(kept) >= size:
                    # Oldest first; a table of common words rarely fills.
                    del kept[next(iter(kept))]
                kept[args] = found
        elif table is not None:
            table[args] = found
        return found

    once.__doc__ = fn.__doc__
    once.__name__ = getattr(fn, "__name__", "per_run")
    once.__qualname__ = getattr(fn, "__qualname__", once.__name__)
    once.__module__ = getattr(fn, "__module__", __name__)
    once.__wrapped__ = fn  # type: ignore[attr-defined]
    if keep is not None:
        once._kept = kept  # type: ignore[attr-defined]
        _KEPT.add(once)
    return cast("Callable[_P, _T]", once)


def kept_table(fn: Callable[..., _T]) -> Mapping[Hashable, _T]:
    """The process-wide table of a ``per_run(keep=...)`` function: arguments -> result.

    For a hot caller that looks a result up itself before calling ``fn`` (a call costs more
    than the look-up): read only, and a miss means nothing but that ``fn`` must be called.
    It holds only what ``keep`` accepted, as ``fn`` does.
    """
    return cast("Mapping[Hashable, _T]", fn._kept)  # type: ignore[attr-defined]


def kept_keys() -> Iterator[Hashable]:
    """The arguments every ``per_run(keep=...)`` table holds now, process-wide."""
    for once in list(_KEPT):
        yield from list(once._kept)  # type: ignore[attr-defined]


def memoised(key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, once per ``key`` inside a ``run_memo`` block; plainly outside one.

    For pure results of several arguments (``key`` holds them all, and names the function);
    the result is shared between callers, so it must not be changed by them.
    """
    memo = _MEMO.get()
    if memo is None or memo.closed:
        return compute()
    # One look-up: between a membership test and a read another thread may close the memo.
    found = memo.get(key, _MISSING)
    if found is not _MISSING:
        return cast("_T", found)
    return memo.put(key, compute())


def recalled(key: Hashable) -> object | None:
    """What ``memoised`` holds under ``key`` in this run, or None; never computes anything.

    For a caller that may reuse an analysis made earlier in the request instead of running a
    costlier one of its own, and must know which it has (the escalation handoff summary).
    """
    memo = _MEMO.get()
    if memo is None or memo.closed:
        return None
    return memo.get(key)
