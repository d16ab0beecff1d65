"""A which-of ask is answered by the thing chosen, in whatever words the choice is said."""

from __future__ import annotations

import pytest

from .judging import judge_statuses


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            "本革と合皮だとどっちが長持ちしますか？",
            "ご検討ありがとうございます。毎日お使いになるなら本革のほうが丈夫でおすすめです。",
        ),
        (
            "Which lasts longer on a balcony, the teak or the pine?",
            "Thanks for asking. The teak lasts longer than the pine outdoors.",
        ),
    ],
)
def test_the_thing_chosen_answers_a_which_of_ask(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("本革と合皮だとどっちが長持ちしますか？", "本革も合皮も人気の素材です。"),
        (
            "Which lasts longer on a balcony, the teak or the pine?",
            "Both teak and pine are popular with our customers.",
        ),
    ],
)
def test_naming_both_without_choosing_answers_nothing(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) != ["answered"]


def test_alternatives_of_a_which_of_ask() -> None:
    from guardrails.questions.slot_fit import alternatives

    assert alternatives("柘植と黒水牛だとどっちが長持ちしますか？") == ("柘植", "黒水牛")
    assert alternatives("Which is cheaper, the oak or the pine?") == ("oak", "pine")
    assert alternatives("Is the oak table in stock?") == ()


def test_a_choice_said_by_a_word_of_choosing_before_the_thing() -> None:
    from guardrails.questions.slot_fit import names_the_choice

    assert names_the_choice("Which is better, the oak or the pine?", "We'd go for the oak.")
    assert not names_the_choice("Is the oak table in stock?", "We'd go for the oak.")


def test_both_named_as_merely_popular_leaves_which_can_be_chosen_open() -> None:
    assert judge_statuses(
        ["ホームステイと寮、どちらが選べますか"], "ホームステイと学生寮はどちらも人気です。"
    ) != ["answered"]
