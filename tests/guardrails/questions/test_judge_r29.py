"""Judge round r29: answers in other words count; skirts on the ask's own words do not.

Every pair here is new text (not from a probe file or a chat batch).
"""

from __future__ import annotations

import pytest

from guardrails.questions.answer_types import supplied_types
from tests.guardrails.questions.judging import assess, judge_statuses


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The pool opens from seven in the morning.", "@clock"),
        ("Doors close at ten o'clock.", "@clock"),
        ("Riders need to be fourteen or older.", "@age"),
        ("The course is for children aged nine and up.", "@age"),
        ("A burst pipe meant we had to close early.", "@reason"),
        ("The code is at the bottom of your receipt.", "@place"),
        ("You'll see it just under the barcode.", "@place"),
    ],
)
def test_a_value_in_words_is_read(text: str, kind: str) -> None:
    assert kind in supplied_types(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Seven of us went in the morning.", "@age"),
        ("It meant a lot to us.", "@clock"),
        ("We had fourteen riders this morning.", "@age"),
        ("Under the new rules it costs less.", "@place"),
    ],
)
def test_no_value_of_that_kind_is_read(text: str, kind: str) -> None:
    assert kind not in supplied_types(text)


@pytest.mark.parametrize(
    ("ask", "answer"),
    [
        (
            "What time does the climbing wall open on Sundays?",
            "On Sundays the wall opens from nine in the morning.",
        ),
        ("What's the minimum age to ride the go-karts?", "Drivers need to be twelve or older."),
        (
            "is this normal or is something wrong with it",
            "That's normal for a new glaze: the tiny cracks show up as it cools.",
        ),
        ("Which evenings do you teach?", "We teach on Mondays and Wednesdays."),
        ("What days are you open", "We're open on Tuesdays and Fridays."),
        (
            "Where can I find my member number?",
            "It's the eight-digit number at the top of your card.",
        ),
        # a Sino-Japanese verbal noun on the kanji of the ask's verb names its act
        (
            "グランドピアノも運んでもらえますか？",
            "専用の台車がないため、ピアノの運搬はお受けしておりません。",
        ),
        ("犬も診てもらえますか？", "当院では犬や猫の診療を毎日行っております。"),
    ],
)
def test_an_answer_in_other_words_is_not_missing(ask: str, answer: str) -> None:
    assert judge_statuses([ask], answer) != ["missing"]


@pytest.mark.parametrize(
    ("ask", "skirt"),
    [
        # 配 of the noun 置き配 is no verb: 配送 does not say it
        ("置き配はできますか", "配送は提携の運送会社が担当いたします。"),
        (
            "What time does the climbing wall open on Sundays?",
            "The climbing wall is open on Sundays for members.",
        ),
    ],
)
def test_a_skirt_stays_unanswered(ask: str, skirt: str) -> None:
    assert judge_statuses([ask], skirt) != ["answered"]


@pytest.mark.parametrize(
    ("ask", "skirt", "answer"),
    [
        # the ask is only what the sentence is about (について), nothing is said of it
        (
            "年会費を分割で払えますか？",
            "年会費の分割については毎年多くのご相談をいただいております。",
            "年会費の分割については、3回までお受けしております。",
        ),
        # 朝の | クラスは: the subject with its modifier, described, takes no stand
        (
            "朝のクラスは見学できますか？",
            "朝のクラスは毎年とても人気のあるクラスです。",
            "朝のクラスはいつでも見学いただけます。",
        ),
    ],
)
def test_talk_about_the_ask_is_no_answer_ja(ask: str, skirt: str, answer: str) -> None:
    assert judge_statuses([ask], skirt) != ["answered"]
    assert judge_statuses([ask], answer) == ["answered"]


def test_the_weekday_an_ask_sets_is_not_the_time_it_asks() -> None:
    from guardrails.questions.answer_types import asked_types

    # 土曜日は sets the day; 何時 asks the hour
    assert "@time" not in asked_types("日曜日は何時まで開いていますか？")
    assert "@clock" in asked_types("日曜日は何時まで開いていますか？")
    assert "@time" in asked_types("配送日を教えてください")
    ask = "日曜日は何時まで開いていますか？"
    assert judge_statuses([ask], "日曜日は会員の方のみご利用いただけます。") != ["answered"]
    assert judge_statuses([ask], "日曜日は夜9時まで開いております。") == ["answered"]


@pytest.mark.parametrize(
    ("asks", "skip", "answer"),
    [
        (
            ["Do you hire out wetsuits?", "And how much is a surf lesson?"],
            "Yes, wetsuits are £8 a day and you can collect one at the hut.",
            "Yes, wetsuits are £8 a day, and a surf lesson is £35.",
        ),
        (
            ["自転車は借りられますか？", "それと、ガイドツアーの料金はいくらですか？"],
            "はい、自転車は1日1,500円でお貸ししております。",
            "はい、自転車は1日1,500円です。ガイドツアーの料金は4,000円です。",
        ),
    ],
)
def test_a_value_of_another_asks_thing_leaves_this_ask_open(
    asks: list[str], skip: str, answer: str
) -> None:
    assert judge_statuses(asks, skip)[1] != "answered"
    assert judge_statuses(asks, answer) == ["answered", "answered"]


def test_an_ask_that_takes_its_thing_from_another_is_answered_by_its_value() -> None:
    # "that" is the private lesson; 時間 names only the slot, the thing is the other ask's
    asks = ["do you run private lessons on the wall", "how much would that be for an hour"]
    assert judge_statuses(asks, "We do! A private hour on the wall is £45.") == [
        "answered",
        "answered",
    ]
    asks_ja = ["領収書の宛名を変更していただけますか。", "再発行にはどのくらい時間がかかりますか。"]
    reply = "承知いたしました。宛名を変更した領収書を本日中に再発行いたします。"
    assert judge_statuses(asks_ja, reply)[1] != "missing"


@pytest.mark.parametrize(
    ("ask", "skirt", "answer"),
    [
        # a time of the booking is no length of it, and the act (booked) settles nothing
        (
            "How long does the facial last?",
            "Your facial is booked for 11 am on Tuesday.",
            "It lasts an hour.",
        ),
        # allowed for another thing than the one asked of
        (
            "Can I pay the booking fee by bank transfer?",
            "Bank transfers are fine for the final invoice.",
            "Yes, bank transfers are fine for the booking fee.",
        ),
    ],
)
def test_another_event_or_thing_leaves_the_ask_open(ask: str, skirt: str, answer: str) -> None:
    assert judge_statuses([ask], skirt) != ["answered"]
    assert judge_statuses([ask], answer) == ["answered"]


def test_a_refusal_with_its_reason_answers_a_yes_no_ask() -> None:
    ask = "Can I borrow a kayak while my canoe is repaired?"
    refusal = "Sorry, we don't lend kayaks out, because our insurance only covers guided trips."
    assert judge_statuses([ask], refusal) == ["answered"]
    # a no about the thing said by nobody, with a reason, is no refusal of the ask
    assert judge_statuses([ask], "Kayaks aren't stored at the lake as space is tight.") != [
        "answered"
    ]
    ja = "大型の冷蔵庫も運んでもらえますか？"
    assert judge_statuses(
        [ja], "専用の台車がないため、大型冷蔵庫の運搬はお受けしておりません。"
    ) == ["answered"]


def test_if_inside_a_word_is_no_question_to_a_colleague() -> None:
    # "certif-icate" holds "if": the sent copy is done, not a colleague asked whether
    ask = ["Please send me my certificate of insurance."]
    done = "I've emailed a PDF of your certificate to the address on your account."
    assert [a.status for a in assess(ask, done, "request")] == ["answered"]
    asked = "I've emailed our broker to check whether the certificate is ready."
    assert [a.status for a in assess(ask, asked, "request")] == ["pending"]
