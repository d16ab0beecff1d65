"""A memo for one guardrail run: pure functions of a text computed once per distinct text.

About ten checks split the same draft into sentences, and the answer judge asks the same
regular expressions of the same reply windows for every question. ``run_memo`` holds the
answers only while one run lasts (``GuardrailRunner.run``) and drops them on exit: never a
process-wide cache, so no customer text or draft outlives the request it came with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

_T = TypeVar("_T")

_MEMO: ContextVar[dict[tuple[object, str], object] | None] = ContextVar("run_memo", default=None)


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

    def memoised(text: str) -> _T:
        memo = _MEMO.get()
        if memo is None:
            return fn(text)
        key = (fn, text)
        if key in memo:
            return memo[key]  # type: ignore[return-value]
        found = memo[key] = fn(text)
        return found

    memoised.__doc__ = fn.__doc__
    memoised.__name__ = fn.__name__
    return memoised
