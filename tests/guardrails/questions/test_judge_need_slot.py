"""Whether a thing is needed answers the turn's only need ask, whatever the thing is called."""

from __future__ import annotations

from .judging import judge_statuses


def test_no_need_answers_the_only_need_ask_in_other_words() -> None:
    asks = [
        "Could you look at my bike?",
        "Also do I need to make an appointment or can I just walk in?",
    ]
    draft = (
        "That sounds like the brakes need adjusting. We'll check them free of charge. There's no "
        "need to book: just bring it to the shop any weekday before 5pm."
    )
    assert judge_statuses(asks, draft)[1] == "answered"


def test_no_need_leaves_a_second_need_ask_open() -> None:
    # two asks about a need: the sentence is not read as settling the second one
    asks = ["Can you service my bike?", "Do I need to bring my own helmet?", "Do I need a booking?"]
    draft = "Of course, we'll service it. There's no need to book: just come in any weekday."
    assert judge_statuses(asks, draft)[1] != "answered"
