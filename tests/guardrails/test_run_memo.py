"""The per-run memo (guardrails.run_memo): once per text inside a run, nothing kept after."""

from __future__ import annotations

from guardrails.run_memo import per_run, run_memo


def test_inside_a_run_each_text_is_computed_once() -> None:
    seen: list[str] = []

    @per_run
    def shout(text: str) -> str:
        """Upper-case ``text``."""
        seen.append(text)
        return text.upper()

    with run_memo():
        assert [shout("a"), shout("b"), shout("a")] == ["A", "B", "A"]
    assert seen == ["a", "b"]
    assert shout.__doc__ == "Upper-case ``text``."


def test_outside_a_run_nothing_is_kept_and_each_run_starts_empty() -> None:
    seen: list[str] = []

    @per_run
    def shout(text: str) -> str:
        """Upper-case ``text``."""
        seen.append(text)
        return text.upper()

    shout("a")
    shout("a")
    with run_memo():
        shout("a")
    with run_memo():
        shout("a")
    assert seen == ["a", "a", "a", "a"]


def test_the_memo_is_dropped_even_when_the_run_fails() -> None:
    seen: list[str] = []

    @per_run
    def shout(text: str) -> str:
        """Upper-case ``text``."""
        seen.append(text)
        return text.upper()

    try:
        with run_memo():
            shout("a")
            raise RuntimeError
    except RuntimeError:
        pass
    shout("a")
    assert seen == ["a", "a"]
