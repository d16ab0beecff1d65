"""Judge round r30: correct replies the batches judged missing - the thing to bring told as an
instruction, a need asked of anyone and said by asking the customer for it, a yes/no ask with
its verb left out, a menu path for a where-ask; skirts on the same topic stay open.

Every pair here is new text (not from a probe file or a chat batch).
"""

from __future__ import annotations

import pytest

from guardrails.questions import Question
from guardrails.questions.answer_types import asked_types, polar_in_form, supplied_types
from tests.guardrails.questions.judging import assess_questions, judge_statuses


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("What should I bring to the pottery taster?", "Just bring an apron and short nails!"),
        ("陶芸体験には何を持っていけばいいですか？", "汚れてもよい服とタオルをお持ちください。"),
        (
            "Must I show my membership card at the gate?",
            "You don't need to, your name is on the list.",
        ),
        ("Does someone have to be home for the meter reading?", "You don't need to be in for it."),
        ("工事の日に立ち会いは必要ですか？", "室内に入りますので、立ち会いをお願いいたします。"),
        ("登山教室に手袋は要りますか？", "岩場がありますので、手袋をご用意ください。"),
        ("Any chance of an earlier slot on Friday?", "Sure, I've moved you to 8:30."),
        (
            "Where do I upload my passport scan?",
            "Upload it in the portal under Profile > Documents.",
        ),
        ("領収書はどこで出せますか？", "マイページの「購入履歴」＞「領収書」から発行できます。"),
    ],
)
def test_a_correct_reply_in_other_words_is_answered(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("What should I bring to the pottery taster?", "The taster lasts two hours."),
        ("陶芸体験には何を持っていけばいいですか？", "体験は二時間ほどです。"),
        ("Does someone have to be home for the meter reading?", "Readers work 8 am to 6 pm."),
        # asking for another thing, or for a call, says nothing of the asked one
        ("登山教室に手袋は要りますか？", "当日は帽子をご用意ください。"),
        ("工事の日に立ち会いは必要ですか？", "ご不明な点はお問い合わせください。"),
        ("Any chance of an earlier slot on Friday?", "The garage opens at 8 am on Friday."),
    ],
)
def test_a_skirt_on_the_same_topic_stays_open(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) != ["answered"]


def test_any_chance_of_is_a_yes_no_ask() -> None:
    assert polar_in_form("Any chance of an earlier slot?")
    assert not polar_in_form("Any idea what time you open?")


def test_a_menu_path_is_a_place_but_a_placeholder_is_not() -> None:
    assert "@place" in supplied_types("Go to Settings > Privacy and turn it off.")
    assert "@place" in supplied_types("「設定」＞「通知」を開いてください。")
    assert "@place" not in supplied_types("Dear <PERSON_1> thanks for writing.")


@pytest.mark.parametrize(
    ("asks", "reply", "expected"),
    [
        # "no worry" closing the answer to "is that all right?", beside a value ask it leaves
        (
            ["楽器は初めてですが大丈夫でしょうか。", "教材費はいくらですか"],
            "基礎から練習しますので、未経験の方もご心配いりません。",
            ["answered", "missing"],
        ),
        # the act confirmed after a greeting, to an ask after a clause of background
        (
            ["We're moving house in May, can you stop the milk for that week?"],
            "Hi Ana, all sorted: nothing will be left on your doorstep that week.",
            ["answered"],
        ),
        # a distance asked by its unit, told in km with Japanese after it
        (["走行距離は何キロですか？"], "こちらの車は走行18,500kmです。", ["answered"]),
        # 「どのように…すれば」 asks the way: steps answer it
        (
            ["口座を変更したいのですが、どのように手続きすればよいですか。"],
            "会員ページにログインし、「登録情報」から新しい口座をご入力ください。",
            ["answered"],
        ),
    ],
)
def test_more_correct_replies_in_other_words(
    asks: list[str], reply: str, expected: list[str]
) -> None:
    assert judge_statuses(asks, reply) == expected


@pytest.mark.parametrize(
    ("asks", "reply"),
    [
        # "no worry" said of another thing (its own topic phrase)
        (["楽器は初めてですが大丈夫でしょうか。"], "お支払いについてはご心配いりません。"),
        # a confirmation of another act: the ask's thing is not named
        (
            ["We're moving house in May, can you stop the milk for that week?"],
            "Hi Ana, all sorted: your new card is on its way.",
        ),
        (["走行距離は何キロですか？"], "こちらの車は点検済みで状態は良好です。"),
        (
            ["口座を変更したいのですが、どのように手続きすればよいですか。"],
            "手続きには数日かかる場合があります。",
        ),
    ],
)
def test_more_skirts_stay_open(asks: list[str], reply: str) -> None:
    assert "answered" not in judge_statuses(asks, reply)


def test_a_measure_with_japanese_after_its_unit_is_read() -> None:
    assert "@length" in supplied_types("走行42,300kmです。")
    assert "@weight" in supplied_types("20kgまでです。")


# a request in yes/no form beside the question: the turn's only yes/no question is the second
_JOIN_AND_ASK = [
    Question("q1", "来月から会員になりたいです。", "request"),
    Question("q2", "会員は予約をキャンセルできますか？", "question"),
]


def _statuses(questions: list[Question], reply: str) -> list[str]:
    assessed = assess_questions(questions, reply, language="ja", draft_language="en")
    return [a.status for a in assessed]


def test_a_japanese_yes_no_ask_answered_in_english_by_a_stand() -> None:
    reply = (
        "Thanks! I've signed you up from the 1st of next month. "
        "You can cancel a booking up to a day before, at no charge."
    )
    # (the request beside it, met by an act in English, is another matter: not read yet)
    assert _statuses(_JOIN_AND_ASK, reply)[1] == "answered"


@pytest.mark.parametrize(
    "reply",
    [
        # facts only: no yes, no, or leave
        "Thanks! I've signed you up from the 1st of next month. The building opens at 7 am.",
        # a stand under a deferral
        "Thanks! I've signed you up from the 1st of next month. "
        "We'll check whether you can cancel and get back to you.",
    ],
)
def test_an_english_reply_taking_no_stand_leaves_the_japanese_ask_open(reply: str) -> None:
    assert _statuses(_JOIN_AND_ASK, reply)[1] != "answered"


def test_a_stand_across_languages_is_not_read_for_one_of_two_yes_no_asks() -> None:
    asks = [Question("q1", "会員は駐輪場を使えますか？"), Question("q2", "シャワーはありますか？")]
    assert _statuses(asks, "You can rent a towel at reception.") == ["missing", "missing"]


@pytest.mark.parametrize(
    ("ask", "reply", "expected"),
    [
        # "No problem" as a clause of its own grants a could-I ask
        ("Could I switch my Tuesday class to the evening?", "No problem at all.", "answered"),
        ("Can you keep my parcel until Monday?", "No worries! It'll be at the desk.", "answered"),
        # "Happy to help" is a pleasantry, "No problem with ..." names another thing
        (
            "Could I bring my dog to the tasting?",
            "Happy to help! The tasting starts at 7.",
            "partial",
        ),
        (
            "Could I switch my Tuesday class to the evening?",
            "No problem with the payment. Our studio is on Mill Road.",
            "missing",
        ),
    ],
)
def test_no_problem_grants_a_could_i_ask(ask: str, reply: str, expected: str) -> None:
    assert judge_statuses([ask], reply) == [expected]


@pytest.mark.parametrize(
    ("asks", "reply", "expected"),
    [
        # the charge said in other words, beside a request the same sentence settles
        (
            ["自転車の点検をしてもらえますか？", "無料ですか？"],
            "点検はどの店舗でも承っており、料金はいただきません。",
            "answered",
        ),
        (
            ["Is the museum tour free?"],
            "It's free on the first Sunday of each month.",
            "answered",
        ),
        # the charge of another thing, opening on its own topic
        (["体験レッスンは無料ですか？"], "入会金は店舗によって異なります。", "missing"),
    ],
)
def test_a_charge_said_answers_a_yes_no_ask_about_it(
    asks: list[str], reply: str, expected: str
) -> None:
    # the last ask is the one about the charge
    assert judge_statuses(asks, reply)[-1] == expected


_APPEAL_ASKS = [
    "Has the council made a ruling on my parking appeal yet?",
    "Also could you remind me which photos you still need?",
]
_PHOTOS_SAID = (
    "We still need a photo of the sign and one of the bay markings; your permit is with the "
    "council."
)


def test_a_deferral_tied_with_an_earlier_sentence_defers_the_ask() -> None:
    reply = _PHOTOS_SAID + (
        " I'm checking the status with our council contact today and will update you by Thursday."
    )
    assert judge_statuses(_APPEAL_ASKS, reply)[0] == "pending"


def test_no_deferral_leaves_a_skirted_ask_missing() -> None:
    assert judge_statuses(_APPEAL_ASKS, _PHOTOS_SAID)[0] == "missing"


def test_explain_how_i_asks_the_way() -> None:
    assert "@procedure" in asked_types("Could you explain how I add a second driver?")
    assert "@procedure" not in asked_types("Could you explain how I was charged twice?")
