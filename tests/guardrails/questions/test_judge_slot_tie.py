"""An answer is tied to the ask by the slot it fills, not by the words it shares with it.

A sentence that acts on a side word of a question (the children, the practice at home) and
names nothing of what is asked (the shoes, a book) fills no slot of it; a sentence naming the
asked thing, in its own words or the reply's, does.
"""

from __future__ import annotations

import pytest

from .judging import judge_statuses


@pytest.mark.parametrize(
    ("asks", "draft"),
    [
        (
            [
                "can we bring our own cake",
                "do the kids need to wear the bowling shoes or are trainers ok",
            ],
            "Happy birthday to your son! You're very welcome to bring your own cake; we'll keep "
            "it in the fridge and bring it out with candles after the second game. Our staff "
            "will be on hand at the counter to help the children get ready before they start.",
        ),
        (
            [
                "can we bring our own snacks",
                "do the children need swimming caps or are they optional",
            ],
            "You're very welcome to bring your own snacks; we'll keep them in our kitchen until "
            "the break. Our lifeguards will be on hand to help the children get changed before "
            "the lesson.",
        ),
        (
            [
                "can I bring my own mat",
                "do the kids need special climbing shoes or are trainers fine",
            ],
            "Of course you can bring a mat, we'll store it behind the desk for you. Our "
            "instructors will help the kids warm up before they start.",
        ),
    ],
)
def test_an_act_on_a_side_word_leaves_the_second_ask_unanswered(
    asks: list[str], draft: str
) -> None:
    first, second = judge_statuses(asks, draft)
    assert first == "answered"
    assert second != "answered"


def test_a_japanese_ask_after_a_wish_wants_the_asked_thing() -> None:
    # the wish before のですが is why; the book asked for is what the answer must name
    ask = "娘に家でも練習させたいのですが、おすすめの教本はありますか"
    draft = (
        "いつもありがとうございます。娘さんは毎回楽しそうに弾いていますよ。"
        "ご家庭での練習はとても効果がありますので、ぜひ続けてあげてください。"
    )
    assert judge_statuses([ask], draft) != ["answered"]


@pytest.mark.parametrize(
    ("asks", "draft"),
    [
        # the asked thing named: answered
        (
            ["娘に家でも練習させたいのですが、おすすめの教本はありますか"],
            "ご家庭での練習には『はじめてのピアノ教本』がおすすめです。",
        ),
        (
            ["家でも練習させたいのですが、おすすめの本はありますか"],
            "ご家庭での練習には『やさしい将棋入門』という本がおすすめです。",
        ),
        # two words of the asking clause, though its last noun (参加) goes unsaid
        (
            ["着物を持っていなくても参加できますか。"],
            "教室の着物をお貸ししますので、お持ちでなくても大丈夫です。",
        ),
        # a report before けど is the ask's topic, not a wish to drop
        (
            ["今月の請求が先月の倍になっているんですけど、何かの間違いじゃないですか"],
            "確認したところ、今月の請求には先月分の未払い額が含まれているため倍になっております。",
        ),
        (
            ["do the kids need to wear the bowling shoes or are trainers ok"],
            "Trainers are fine, the bowling shoes are optional.",
        ),
        # a left-over sentence taking a stand still answers by its place
        (
            ["Can we bring our own caterer?", "Also, is there a curfew?"],
            "You can, as long as they're insured. Guests need to be off site by midnight.",
        ),
    ],
)
def test_an_answer_naming_the_asked_thing_still_answers(asks: list[str], draft: str) -> None:
    assert set(judge_statuses(asks, draft)) == {"answered"}


@pytest.mark.parametrize(
    "ask",
    [
        "ヨガ教室の体験料金はいくらですか。",
        "How much is the trial climbing session?",
        "When does the trial climbing session start?",
    ],
)
def test_the_asks_words_without_a_value_of_its_type_do_not_answer(ask: str) -> None:
    # every word of the ask said back, and no price or time: the slot is empty
    draft = (
        "ヨガ教室の体験では、ホットヨガと通常ヨガのどちらもお選びいただけます。"
        if "ヨガ" in ask
        else "For the trial climbing session you can choose either bouldering or ropes."
    )
    assert judge_statuses([ask], draft) != ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("ヨガ教室の体験料金はいくらですか。", "ヨガ教室の体験料金は1回1,500円です。"),
        (
            "How much is the trial climbing session?",
            "The trial climbing session is £15, shoes included.",
        ),
        # a yes/no ask naming a value is answered by its yes or no
        ("送迎バスは別料金ですか？", "いいえ、送迎バスは無料でご利用いただけます。"),
        # both on offer answers which can be chosen
        (
            "ホームステイと寮、どちらが選べますか",
            "滞在先はホームステイと学生寮のどちらもお選びいただけます。",
        ),
    ],
)
def test_a_value_of_the_asked_type_answers(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]
