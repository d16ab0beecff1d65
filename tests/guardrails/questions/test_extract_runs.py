"""Ask extraction's "and also" split reads each run of spaces once, and splits as before."""

from __future__ import annotations

from guardrails.questions.extract import _AND_ALSO


def test_and_also_is_found_where_it_was_before() -> None:
    found = _AND_ALSO.search("Please cancel the order  and also refund the deposit")
    assert found is not None and found.span() == (23, 40) and found.group(1) == "refund"
    found = _AND_ALSO.search("Please cancel the order, also refund it")
    assert found is not None and found.span() == (23, 36)
    assert _AND_ALSO.search("Please cancel the order andalso refund") is None


def test_and_also_starts_only_at_a_comma_or_where_its_run_of_spaces_starts() -> None:
    text = "Please cancel it" + " " * 5 + "and also refund it"
    assert _AND_ALSO.match(text, 16) is not None
    assert all(_AND_ALSO.match(text, pos) is None for pos in range(17, 21))
    assert _AND_ALSO.search("Please cancel it" + " " * 50_000 + "now") is None
