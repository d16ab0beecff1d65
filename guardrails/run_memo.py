"""A memo for one guardrail run: pure functions of a text computed once per distinct text.

About ten checks split the same draft into sentences, and the answer judge asks the same
regular expressions of the same reply windows for every question. ``run_memo`` holds the
answers only while one run lasts (``GuardrailRunner.run``) and drops them on exit: never a
process-wide cache, so no customer text or draft outlives the request it came with.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar, cast

_T = TypeVar("_T")

_MEMO: ContextVar[dict[Hashable, object] | None] = ContextVar("run_memo", default=None)


@contextmanager
def run_memo() -> Iterator[None]:
    """Within this block, ``per_run`` functions compute each text once; forgotten on exit."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def per_run(fn: Callable[[str], _T]) -> Callable[[str], _T]:
    """Memoise ``fn`` (pure, of one text) inside ``run_memo`` blocks; call it plainly outside.

    Its results are shared between callers, so they must be immutable (a tuple, a bool).
    """

    def once(text: str) -> _T:
        return memoised((fn, text), lambda: fn(text))

    once.__doc__ = fn.__doc__
    once.__name__ = fn.__name__
    return once


def memoised(key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, once per ``key`` inside a ``run_memo`` block; plainly outside one.

    For pure results of several arguments (``key`` holds them all, and names the function);
    the result is shared between callers, so it must not be changed by them.
    """
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key in memo:
        return cast("_T", memo[key])
    found = memo[key] = compute()
    return found
