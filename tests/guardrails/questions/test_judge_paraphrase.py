"""Correct answers in other words than the ask's: another subject, a formal word, a keigo verb."""

from __future__ import annotations

import pytest

from .judging import judge_statuses


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # a yes/no ask after a clause of background, its subject a third person
        (
            "my husband will be driving as well, can he be added to the rental",
            "Yes, he can be put on as a second driver at the counter.",
        ),
        # the ask's verb said back as what will happen, whoever does it
        (
            "can he come back and fix it?",
            "Sorry about that. Our joiner will come back on Thursday afternoon to fit a new "
            "catch on the door.",
        ),
        # 本日 is 今日 in formal words; 伺えます is 来られます in humble ones
        (
            "今日中に来てもらうことってできますか。",
            "お困りのところ申し訳ございません。本日15時から17時の間に担当者が伺えます。",
        ),
    ],
)
def test_an_answer_in_other_words_answers(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            "my husband will be driving as well, can he be added to the rental",
            "The rental desk opens at 8 am.",
        ),
        (
            "can he come back and fix it?",
            "Sorry about that. Our joiner will call you if anything else comes up.",
        ),
        # another day named is no link to today
        (
            "今日中に来てもらうことってできますか。",
            "お困りのところ申し訳ございません。昨日の件につきましてはお詫び申し上げます。",
        ),
    ],
)
def test_a_sentence_without_the_asked_stand_does_not_answer(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) != ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft", "expected"),
    [
        # a capacity says the size asked for
        ("What size water tank do you fit?", "We fit a 1,200 litre tank as standard.", "answered"),
        ("What size van do you hire out?", "Our vans carry 3.5 cubic metres of load.", "answered"),
        # a count of the things is no size of them
        ("What size water tank do you fit?", "We fit 2 tanks a day on average.", "missing"),
    ],
)
def test_a_capacity_is_a_size(ask: str, draft: str, expected: str) -> None:
    assert judge_statuses([ask], draft) == [expected]


@pytest.mark.parametrize(
    ("asks", "draft", "expected"),
    [
        # どうやったら asks for the way: steps answer it though its first noun goes unsaid
        (
            ["すみません、英会話の振替ってどうやったらできますか。"],
            "振替はアプリの「レッスン振替」から、休む日と参加したい日を選ぶだけでお申し込みいただけます。",
            ["answered"],
        ),
    ],
)
def test_a_count_or_a_way_in_other_words(asks: list[str], draft: str, expected: list[str]) -> None:
    assert judge_statuses(asks, draft) == expected


def test_one_is_no_count() -> None:
    from guardrails.questions.synonyms import count_terms

    assert count_terms("a table for six, or a new one") == frozenset({"#6"})
