"""The per-run memo (guardrails.run_memo): once per text inside a run, nothing kept after."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import Context, copy_context

from guardrails.run_memo import kept_keys, kept_table, memoised, per_run, recalled, run_memo


def _counted_shout() -> tuple[Callable[[str], str], list[str]]:
    """A ``per_run`` function that upper-cases its text, and the texts it computed."""
    seen: list[str] = []

    @per_run
    def shout(text: str) -> str:
        """Upper-case ``text``."""
        seen.append(text)
        return text.upper()

    return shout, seen


def test_inside_a_run_each_text_is_computed_once() -> None:
    shout, seen = _counted_shout()

    with run_memo():
        assert [shout("a"), shout("b"), shout("a")] == ["A", "B", "A"]
    assert seen == ["a", "b"]
    assert shout.__doc__ == "Upper-case ``text``."


def test_outside_a_run_nothing_is_kept_and_each_run_starts_empty() -> None:
    shout, seen = _counted_shout()

    shout("a")
    shout("a")
    with run_memo():
        shout("a")
    with run_memo():
        shout("a")
    assert seen == ["a", "a", "a", "a"]


def test_the_memo_is_dropped_even_when_the_run_fails() -> None:
    shout, seen = _counted_shout()

    try:
        with run_memo():
            shout("a")
            raise RuntimeError
    except RuntimeError:
        pass
    shout("a")
    assert seen == ["a", "a"]


def _memo_of(context: Context) -> dict[object, object] | None:
    """The run memo ``context`` holds (the module's context variable), if any."""
    from guardrails.run_memo import _MEMO

    return context.get(_MEMO)


def test_a_copy_of_the_context_taken_inside_a_run_keeps_nothing_after_it() -> None:
    # asyncio copies the running context into every callback and timer scheduled during a
    # request (an HTTP pool's clean-up timer, say), and such a copy can outlive the request.
    shout, _ = _counted_shout()

    with run_memo():
        shout("the customer's sentence")
        copied = copy_context()
        assert _memo_of(copied)
    assert _memo_of(copied) == {}


def test_a_run_that_has_ended_stores_nothing_more() -> None:
    # A worker thread still running for a cancelled request reads in a copy of the request's
    # context: it computes, but no longer fills the memo.
    shout, seen = _counted_shout()
    with run_memo():
        copied = copy_context()
    assert copied.run(shout, "late") == copied.run(shout, "late") == "LATE"
    assert seen == ["late", "late"]
    assert _memo_of(copied) == {}


def test_a_kept_run_is_reused_after_its_block_until_it_is_closed() -> None:
    shout, seen = _counted_shout()

    with run_memo() as run:
        shout("a")
        copied = copy_context()
        kept = run.keep()
    assert kept.run(shout, "a") == "A"
    assert seen == ["a"]  # computed in the block, found again after it
    kept.close()
    assert _memo_of(copied) == {}  # closing empties every copy of the run's context
    assert kept.run(shout, "a") == "A"
    assert seen == ["a", "a"]


def test_a_run_inside_a_run_joins_it() -> None:
    shout, seen = _counted_shout()

    with run_memo():
        shout("a")
        with run_memo():  # the guardrail run inside a request's run
            shout("a")
        shout("a")
    assert seen == ["a"]


def test_several_arguments_are_one_key() -> None:
    seen: list[tuple[str, int]] = []

    @per_run
    def repeat(text: str, times: int) -> str:
        """``text`` ``times`` times."""
        seen.append((text, times))
        return text * times

    with run_memo():
        assert [repeat("a", 2), repeat("a", 3), repeat("a", 2)] == ["aa", "aaa", "aa"]
    assert seen == [("a", 2), ("a", 3)]


def test_only_words_of_the_vocabulary_are_kept_after_the_run() -> None:
    seen: list[str] = []
    vocabulary = {"refund", "invoice"}

    @per_run(keep=lambda word: word in vocabulary)
    def shout(word: str) -> str:
        """Upper-case ``word``."""
        seen.append(word)
        return word.upper()

    with run_memo():
        assert [shout("refund"), shout("Quorblex"), shout("Quorblex")] == [
            "REFUND",
            "QUORBLEX",
            "QUORBLEX",
        ]
    assert [shout("refund"), shout("Quorblex")] == ["REFUND", "QUORBLEX"]
    # The dictionary word was computed once for good; the other word once per run.
    assert seen == ["refund", "Quorblex", "Quorblex"]
    kept = set(kept_keys())
    assert ("refund",) in kept and ("Quorblex",) not in kept


def test_the_kept_table_is_bounded() -> None:
    @per_run(keep=lambda word: True, size=2)
    def shout(word: str) -> str:
        """Upper-case ``word``."""
        return word.upper()

    for word in ("aa", "bb", "cc"):
        shout(word)
    kept = set(kept_keys())
    assert ("cc",) in kept and ("aa",) not in kept


def test_a_kept_table_goes_with_its_function() -> None:
    import gc

    @per_run(keep=lambda word: True)
    def shout(word: str) -> str:
        """Upper-case ``word``."""
        return word.upper()

    shout("ephemeral-word")
    assert ("ephemeral-word",) in set(kept_keys())
    del shout
    gc.collect()
    assert ("ephemeral-word",) not in set(kept_keys())


def test_recalled_reads_what_the_run_holds_and_never_computes() -> None:
    key = ("recalled-test", "some text")
    assert recalled(key) is None  # no run
    with run_memo():
        assert recalled(key) is None  # not computed yet, and recalling does not compute
        assert memoised(key, lambda: ("found",)) == ("found",)
        assert recalled(key) == ("found",)
    assert recalled(key) is None  # the run is over


def test_kept_table_shows_only_what_keep_accepted() -> None:
    calls: list[str] = []

    @per_run(keep=lambda word: word.islower())
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    table = kept_table(shout)
    assert dict(table) == {}
    with run_memo():
        assert shout("refund") == "REFUND" and shout("Okonkwo") == "OKONKWO"
        # The run's own memo holds the name; the process-wide table only the word.
        assert dict(table) == {("refund",): "REFUND"}
    assert dict(table) == {("refund",): "REFUND"}
    assert shout("refund") == "REFUND" and calls == ["refund", "Okonkwo"]
