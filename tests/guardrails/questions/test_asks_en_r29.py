"""English ask kinds, round 29: clause roles (relative which, inverted modal, reported need)."""

from __future__ import annotations

import pytest

from guardrails.questions.asks_en import (
    ask_kind_en,
    reports_defect_en,
    reports_others_words_en,
    speaks_as_party_en,
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("he has been borrowing mine, which is fine.", None),
        ("the red one or the blue one, which is better?", "question"),
        ("if it's sold out when i get there could you keep one aside for me", "request"),
        ("we went up the hill and you could see the whole bay", None),
        ("if you want i'll call, which would you prefer", "question"),
        ("i need a new mattress, which one is best for back pain", "question"),
        ("Have a lovely day.", None),
        ("Have a look at my order please", "request"),
    ],
)
def test_clause_roles(sentence: str, kind: str | None) -> None:
    assert ask_kind_en(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "defect"),
    [
        ("the part you replaced in 2024 is cracked", True),
        ("the part you replaced in 2024 was cracked", False),
        ("my brother's bike got a dent last week", False),
        ("my son's bike frame is cracked", True),
        ("Nobody has ever asked me that.", False),
    ],
)
def test_damage_and_absence_read_from_the_predicate(sentence: str, defect: bool) -> None:
    assert reports_defect_en(sentence) is defect


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # a writer's today alone does not make a text a party's (a public thing told today)
        ("Yesterday the old bridge in town was closed because a beam was damaged.", False),
        ("The kit arrived. I love it.", True),
        ("The ship reached Lisbon in 1502. Two masts were smashed.", False),
    ],
)
def test_a_writers_today_speaks_as_a_party(text: str, party: bool) -> None:
    assert speaks_as_party_en(text) is party


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        ("The dentist said I need a crown on my back tooth.", True),
        ("Our vet told us we need to change her food.", True),
        ("The dentist said I need a referral letter from you.", False),
        ("I said I need a crown.", False),
        ("I need a crown.", False),
    ],
)
def test_a_need_in_a_third_partys_words(sentence: str, reported: bool) -> None:
    assert reports_others_words_en(sentence) is reported
