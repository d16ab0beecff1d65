"""A reply fills the ask's slot, or only shares its words (``guardrails.questions.slot_fit``)."""

from __future__ import annotations

import pytest

from guardrails.questions.slot_fit import (
    asks_span,
    other_place,
    supplies_span,
    without_named_acts,
)


@pytest.mark.parametrize(
    "ask",
    [
        "How long does a repair take?",
        "how many days will the course last",
        "点検にはどのくらい時間がかかりますか？",
        "何日かかりますか",
    ],
)
def test_asks_for_a_length_of_time(ask: str) -> None:
    assert asks_span(ask)


@pytest.mark.parametrize(
    "ask", ["When does the shop open?", "How long ago did you write?", "何日に届きますか"]
)
def test_asks_for_no_length_of_time(ask: str) -> None:
    assert not asks_span(ask)


@pytest.mark.parametrize(
    "text",
    [
        "It takes about forty minutes.",
        "Allow three and a half hours.",
        "It will be ready by Thursday.",
        "The hull stays with us overnight.",
        "点検は1時間ほどで終わります。",
        "金曜日までに仕上がります。",
    ],
)
def test_a_length_of_time_or_its_end_is_supplied(text: str) -> None:
    assert supplies_span(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our next free slot is at 4:15 on Monday.",
        "The workshop opens at 8 am.",
        "次の空きは月曜日の16時です。",
    ],
)
def test_the_time_of_another_event_is_no_length(text: str) -> None:
    assert not supplies_span(text)


def test_the_opposite_place_is_another_place() -> None:
    assert other_place("Can we eat inside the cabin?", "Eating outside the cabin is fine.")
    assert other_place("店内で写真を撮ってもいいですか？", "店外の撮影は自由です。")
    # a sentence on the asked place, or on both, answers
    assert not other_place("Can we eat inside the cabin?", "Eating inside is fine.")
    assert not other_place(
        "Can we eat inside the cabin?", "Not inside, but eating outside is fine."
    )
    assert not other_place("Can we eat in the cabin?", "Eating outside is fine.")


def test_an_act_named_as_a_thing_is_dropped_a_verb_in_use_kept() -> None:
    assert "Renting" not in without_named_acts("Renting a kayak is a popular choice.")
    kept = "We are renting kayaks and you can keep using yours in the evening."
    assert without_named_acts(kept) == kept


# Through the judge: a skirt on the ask's own words is no answer; the answer still is one.
from tests.guardrails.questions.judging import judge_statuses  # noqa: E402


@pytest.mark.parametrize(
    ("ask", "skirt", "answer"),
    [
        (
            "How long does a tyre change take?",
            "Our next free tyre change is at 3:45 on Monday.",
            "A tyre change takes about twenty minutes.",
        ),
        (
            "How long does it take to frame a print?",
            "The workshop opens at 8 am and framed prints are collected at the counter.",
            "Framing a print takes four working days.",
        ),
        (
            "Can I hire a paddleboard for the whole day?",
            "Hiring a paddleboard for the whole day is something many visitors ask about.",
            "Yes, you can hire one from 9 am until we close.",
        ),
        (
            "Will the injection hurt?",
            "The injection is a routine treatment that our nurses do every day.",
            "It shouldn't hurt, as we numb the skin first.",
        ),
        (
            "Can I take pictures inside the chapel?",
            "Pictures of the outside of the chapel are fine.",
            "Yes, pictures without flash are allowed inside the chapel.",
        ),
        (
            "点検にはどのくらい時間がかかりますか？",
            "次の点検の空きは月曜日の16時です。",
            "点検は1時間ほどで終わります。",
        ),
    ],
)
def test_a_skirt_is_not_answered_and_the_answer_is(ask: str, skirt: str, answer: str) -> None:
    assert judge_statuses([ask], skirt) != ["answered"]
    assert judge_statuses([ask], answer) == ["answered"]
