"""Judge round r29, review fixes: an hour of the clock said in kanji, a span said by its two ends.

Every pair here is new text (not from a probe file or a chat batch).
"""

from __future__ import annotations

import pytest

from guardrails.questions.answer_types import asked_types, supplied_types
from guardrails.questions.slot_fit import supplies_span
from tests.guardrails.questions.judging import judge_statuses


@pytest.mark.parametrize(
    "text",
    [
        "九時から受け付けております。",
        "十二時開始です。",
        "七時半からご利用いただけます。",
        "十四時十五分に出発いたします。",
        "二十時に閉館いたします。",
        "11時開演です。",
    ],
)
def test_an_hour_in_kanji_or_digits_is_a_clock_time(text: str) -> None:
    assert "@clock" in supplied_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "作業には三時間かかります。",
        "二時間半ほどで仕上がります。",
        "その時期は混み合います。",
        "現時点では未定です。",
        "当時の記録は残っておりません。",
        "時々メンテナンスを行います。",
        "一時保育もございます。",
        "一時的に停止しております。",
    ],
)
def test_a_length_or_a_time_word_is_no_clock_time(text: str) -> None:
    assert "@clock" not in supplied_types(text)


@pytest.mark.parametrize(
    ("ask", "answer"),
    [
        ("木曜日は何時から開いていますか？", "木曜日は九時から開いております。"),
        ("水曜日は何時に終わりますか？", "水曜日は通常より早く、十六時に終了いたします。"),
        ("何時から入れますか？", "八時半から入館いただけます。"),
    ],
)
def test_an_hour_in_kanji_answers_a_what_time_ask(ask: str, answer: str) -> None:
    assert judge_statuses([ask], answer) == ["answered"]


def test_a_weekday_alone_still_answers_no_what_time_ask() -> None:
    # the day echoed, no hour said: the ask stays open
    ask = "木曜日は何時から開いていますか？"
    assert judge_statuses([ask], "木曜日は会員様のみのご利用となります。") != ["answered"]
    # a length of time is no hour of the clock
    assert judge_statuses([ask], "木曜日は三時間だけ開いております。") != ["answered"]


@pytest.mark.parametrize(
    "text",
    [
        "The coach leaves at 7:10 and gets in at 9:05.",
        "The bus departs at 6:40 and arrives at 8:20.",
        "The tour starts at 10 am and ends at 12:30 pm.",
        "The class runs from 6 pm until 7:30 pm.",
        "船は8時10分に出航し、9時半に到着します。",
    ],
)
def test_two_ends_of_one_event_supply_a_length(text: str) -> None:
    assert supplies_span(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your fitting is at 2 pm on Friday.",
        "The coach leaves at 7:10 and the next one is at 9:05.",
        "The first coach leaves at 7:10, the second at 9:05.",
        "船は8時10分に出航し、次の便は9時半です。",
    ],
)
def test_one_point_or_two_departures_supply_no_length(text: str) -> None:
    assert not supplies_span(text)


def test_a_how_long_ask_met_by_both_ends_is_answered() -> None:
    ask = "How long does the coach take?"
    assert judge_statuses([ask], "The coach leaves at 7:10 and gets in at 9:05.") == ["answered"]
    assert judge_statuses([ask], "The coach leaves at 7:10 and the next one is at 9:05.") != [
        "answered"
    ]
    fitting = "How long is the fitting?"
    assert judge_statuses([fitting], "Your fitting is at 2 pm on Friday.") != ["answered"]


def test_which_days_asks_for_times() -> None:
    assert "@time" in asked_types("Which days is the farm shop open?")
    ask = "Which days is the farm shop open?"
    assert judge_statuses([ask], "It's open every Thursday and Sunday.") == ["answered"]
    # which of several things is no ask for a day
    assert "@time" not in asked_types("Which size should I order?")


@pytest.mark.parametrize(
    "answer",
    ["On Sunday we open at 11.", "We close at 5.30 on Fridays.", "The gym opens at 6 on weekdays."],
)
def test_a_bare_hour_after_opening_or_closing_is_a_clock_time(answer: str) -> None:
    assert "@clock" in supplied_types(answer)


@pytest.mark.parametrize(
    "text",
    ["We open at 3 locations in town.", "The office closes at 4 branches on Mondays.", "at 10"],
)
def test_a_bare_number_elsewhere_is_no_clock_time(text: str) -> None:
    assert "@clock" not in supplied_types(text)


def test_a_kanji_hour_is_no_length_of_time() -> None:
    ask = "ジムは何時に開きますか？また、一回の利用時間はどのくらいですか？"
    skirt = "ジムは六時に開き、サウナは八時に開きます。"
    assert judge_statuses([ask], skirt)[-1] != "answered"
    assert judge_statuses([ask], "ジムは六時に開き、一回のご利用は六十分です。")[-1] == "answered"


def test_a_length_named_before_its_measure_word_is_asked() -> None:
    from guardrails.questions.slot_fit import asks_span

    assert asks_span("一回の利用時間はどのくらいですか？")
    # opening hours asked: the hours of the clock, no length
    assert not asks_span("営業時間はどのくらいですか？")
