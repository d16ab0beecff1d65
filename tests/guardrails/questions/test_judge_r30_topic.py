"""Judge round r30, after review: every accepting rule of the round ties its answer to the ask's
topic. A stand, a charge, a "no worry", an instruction, a need, a menu path or a deferral said of
another thing leaves the ask open; said of the ask's own thing it still answers.

Every pair here is new text (not from a probe file or a chat batch).
"""

from __future__ import annotations

import pytest

from guardrails.questions import Question
from guardrails.questions.answer_types import place_by_menu_only
from guardrails.questions.instructed import instructs_asked_act
from tests.guardrails.questions.judging import assess_questions, judge_statuses


def _ja_in_english(ask: str, reply: str) -> str:
    question = Question("q1", ask, "question")
    return assess_questions([question], reply, language="ja", draft_language="en")[0].status


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # a stand on another thing: check-in, payment, a recommendation, a rate
        ("犬を連れて泊まれますか？", "You can check in any time after 2 pm."),
        ("当日にキャンセルできますか？", "You can pay at the desk by card or in cash."),
        ("カヤックを借りられますか？", "We can suggest a few quiet beaches nearby."),
        ("空港までの送迎はありますか？", "Dinner is included in your plan."),
        ("英語のガイドはいますか？", "We can book you a table for lunch."),
    ],
)
def test_a_stand_across_languages_on_another_thing_leaves_the_ask_open(
    ask: str, reply: str
) -> None:
    assert _ja_in_english(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # the concept table links 解約/キャンセル and "cancel"; a number both say links them
        ("前日までにキャンセルできますか？", "Yes, you can cancel for free until the day before."),
        ("10時にチェックアウトできますか？", "Yes, you can leave your room at 10 am."),
    ],
)
def test_a_stand_across_languages_on_the_asked_thing_answers(ask: str, reply: str) -> None:
    assert _ja_in_english(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply", "expected"),
    [
        ("Is assembly free?", "It's free to collect your order from the store.", False),
        ("Is the adapter free?", "It's free to swap colours within a week.", False),
        ("Is assembly free?", "Assembly is free on all wardrobes.", True),
        ("Is assembly free?", "Yes, it's free with every wardrobe.", True),
    ],
)
def test_it_is_free_to_another_act_is_no_charge_of_the_asked_thing(
    ask: str, reply: str, expected: bool
) -> None:
    assert (judge_statuses([ask], reply) == ["answered"]) is expected


@pytest.mark.parametrize(
    "reply",
    [
        "ロッカーもございますのでご安心ください。",
        "お支払いも後払いでできますのでご安心ください。",
    ],
)
def test_a_no_worry_said_of_a_topic_marked_with_mo_leaves_the_ask_open(reply: str) -> None:
    assert judge_statuses(["杖をついていても大丈夫ですか？"], reply) != ["answered"]


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("What should I do if the app keeps crashing?", "Have a relaxing evening!"),
        ("My flight was delayed, what should I do?", "Enjoy your stay in Lisbon!"),
        ("What should I bring to the pottery taster?", "Bring your friends to our summer fair."),
        ("バスが来ないのですが、何をすればいいですか？", "どうぞ楽しい休日をお過ごしください。"),
        ("雨の日は何をすればいいですか？", "お帰りの際はお気をつけください。"),
    ],
)
def test_a_well_wish_or_an_act_for_another_occasion_is_no_instruction(ask: str, reply: str) -> None:
    assert not instructs_asked_act(ask, reply)


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("What should I do before the check-in?", "Have your booking reference ready."),
        ("What should I bring to the pottery taster?", "Bring an apron to the taster."),
        ("バスが来ないのですが、何をすればいいですか？", "窓口で振替券を受け取ってください。"),
    ],
)
def test_an_instruction_for_the_asked_act_still_answers(ask: str, reply: str) -> None:
    assert instructs_asked_act(ask, reply)


@pytest.mark.parametrize(
    ("ask", "reply", "expected"),
    [
        ("Must I return the remote too?", "You must return the television within 30 days.", False),
        ("Must I return the remote too?", "You must return it with the television.", True),
        ("Do I need to sign the waiver?", "You'll need to sign the waiver at the desk.", True),
    ],
)
def test_a_need_said_of_another_object_is_no_answer(ask: str, reply: str, expected: bool) -> None:
    assert (judge_statuses([ask], reply) == ["answered"]) is expected


def test_a_menu_path_to_another_thing_is_no_place_of_the_ask() -> None:
    assert place_by_menu_only("「設定」＞「テーマ」から背景の色を変えられます。")
    assert not place_by_menu_only("「設定」＞「退会」の横、画面の右上にございます。")
    statuses = judge_statuses(
        ["退会はどこでできますか？"], "「設定」＞「テーマ」から背景の色を変えられます。"
    )
    assert statuses != ["answered"]


def test_a_deferral_of_another_ask_does_not_defer_this_one() -> None:
    asks = [
        "When will my voucher for the booking arrive?",
        "Also can you look into the booking upgrade?",
    ]
    reply = (
        "Thanks for your booking. I'm looking into the booking upgrade with the hotel and "
        "will update you tomorrow."
    )
    assert judge_statuses(asks, reply)[0] != "pending"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("補講に料金はかかりません。", True),
        ("補講には料金はかかりません。", True),
        ("駐車場に料金はかかりません。", False),
    ],
)
def test_the_charge_after_the_thing_charged_for_is_said_of_it(reply: str, expected: bool) -> None:
    assert (judge_statuses(["欠席した日の補講は無料ですか？"], reply) == ["answered"]) is expected


def test_an_instruction_opening_on_the_asked_verb_answers() -> None:
    ask = "What should I wear to the climbing wall?"
    assert instructs_asked_act(ask, "Wear loose trousers and flat shoes.")
    assert not instructs_asked_act(ask, "Wear and tear on hired shoes isn't charged.")


def test_even_with_and_the_customer_as_topic_are_no_rival_topic() -> None:
    # でも is "even with", no topic; people of a kind are the customer who asked
    assert judge_statuses(
        ["ベビーカーで入っても大丈夫ですか？"], "ベビーカーでもご心配いりません。"
    ) == ["answered"]
    assert judge_statuses(
        ["ヨガは初めてですが大丈夫でしょうか？"],
        "ゆっくり進めますので、初心者の方もご安心ください。",
    ) == ["answered"]
