"""Derivation steps map a span of their output back to their input's span."""

from __future__ import annotations

from guardrails.span_steps import Segments, Unchanged


def test_segments_map_copied_characters_one_for_one_and_substitutes_whole() -> None:
    # "ab   cd" -> "ab cd": the space stands for the whole run of three.
    step = Segments(7)
    step.copy(0, 2)
    step.substitute(1, 2, 5)
    step.copy(5, 7)
    assert step.span(0, 2) == (0, 2)
    assert step.span(2, 3) == (2, 5)
    assert step.span(1, 4) == (1, 6)
    assert step.span(3, 3) == (5, 5) and step.span(5, 5) == (7, 7)  # empty spans stay empty
    assert Unchanged().span(3, 9) == (3, 9)
