"""Clause breaks (answer types' past-or-ahead reading) read each run of spaces once."""

from __future__ import annotations

from guardrails.questions.answer_types import _CLAUSE_BREAK


def test_clauses_break_where_they_broke_before() -> None:
    assert _CLAUSE_BREAK.split("Our team, who work late; the desk  — open") == [
        "Our team",
        "who work late",
        "the desk",
        "open",
    ]
    # a dash right after " - " is a break of its own, though a space comes before it
    assert _CLAUSE_BREAK.split("It arrived - — then it broke") == [
        "It arrived",
        "",
        "then it broke",
    ]
    assert _CLAUSE_BREAK.split("担当しており、営業時間は9時です。はい") == [
        "担当しており",
        "営業時間は9時です。",
        "はい",
    ]


def test_a_break_reads_spaces_only_from_the_start_of_their_run() -> None:
    text = "It arrived" + " " * 5 + "; then"
    assert _CLAUSE_BREAK.match(text, 10) is not None
    assert all(_CLAUSE_BREAK.match(text, pos) is None for pos in range(11, 15))
    assert _CLAUSE_BREAK.split("It arrived" + " " * 50_000 + "late") == [
        "It arrived" + " " * 50_000 + "late"
    ]
