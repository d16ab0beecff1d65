"""Stop 28's judge round: correct replies in the forms a support lead writes them.

Each accepting rule has its skirts beside it: replies on the ask's topic that do not give the
asked value or decision must still be flagged.
"""

import pytest

from guardrails.questions.answer_types import supplied_types
from tests.guardrails.questions.judging import judge_extracted_status


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("Is there a weight limit for the lockers?", "Each locker takes bags up to 12 kg."),
        (
            "What size kayak suits a paddler of 180 cm?",
            "At 180 cm a kayak of 3.5 to 3.8 metres fits you well.",
        ),
        ("トランクルームの重さ制限はありますか？", "1区画あたり200キロまでお預けいただけます。"),
        (
            "身長160cmだと、どのサイズのボードがいいですか？",
            "160センチでしたら、145〜150センチのボードがおすすめです。",
        ),
    ],
)
def test_a_measure_answers_a_limit_or_size_ask(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # on the topic, no measure at all
        ("Is there a weight limit for the lockers?", "The lockers are next to the main entrance."),
        (
            "What size kayak suits a paddler of 180 cm?",
            "We stock kayaks from all the major makers.",
        ),
        # a measure is no price, nor a time
        ("How much does the kayak rental cost?", "The touring kayak is 3.8 metres long."),
        ("When does the locker room open?", "Each locker takes bags up to 12 kg."),
    ],
)
def test_a_measure_does_not_answer_what_it_does_not_say(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) == "missing"


@pytest.mark.parametrize(
    "text", ["Call us at 9 in the morning.", "Order 12 m is on its way.", "We have 100 g bags."]
)
def test_a_number_before_a_word_is_no_measure(text: str) -> None:
    assert "@size" not in supplied_types(text)


@pytest.mark.parametrize(
    "reply",
    [
        "I've extended your parking permit by a month, as a one-off.",
        "We've waived the late fee and refunded it to your card.",
    ],
)
def test_a_done_act_answers_a_plea_naming_nothing(reply: str) -> None:
    ask = "My permit ran out while I was in hospital. Is there anything you can do?"
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    "reply",
    [
        "I'm so sorry to hear you were in hospital.",
        "Permits cannot be extended after they expire.",
        "I've passed this to the permits team.",
    ],
)
def test_no_act_leaves_a_plea_open(reply: str) -> None:
    ask = "My permit ran out while I was in hospital. Is there anything you can do?"
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "Can we bring a portable barbecue to the lakeside cabins?",
            "Portable barbecues are fine on the patio, but not on the decking.",
        ),
        (
            "Can I bring my own helmet to the climbing wall?",
            "Your own helmets are allowed if they carry the safety mark.",
        ),
    ],
)
def test_what_is_allowed_answers_a_permission_ask(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    "reply",
    [
        # what is allowed of another thing, on the same grounds
        "Dogs are fine at the lakeside cabins.",
        "Barbecue charcoal is sold at the lakeside shop.",
    ],
)
def test_what_is_allowed_of_another_thing_does_not_answer(reply: str) -> None:
    ask = "Can we bring a portable barbecue to the lakeside cabins?"
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("エアコンが動かないので見に来てもらえませんか", "明日の午前10時に担当者が伺います。"),
        ("粗大ごみを取りに来てほしいです。", "今週金曜日の午後に回収に参ります。"),
    ],
)
def test_a_humble_visit_answers_a_request_to_come(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    "reply",
    [
        "訪問修理は平日のみ承っております。",  # a policy on visits
        "お話を伺います。",
    ],
)
def test_hearing_or_a_visit_policy_is_no_visit(reply: str) -> None:
    assert (
        judge_extracted_status("エアコンが動かないので見に来てもらえませんか", reply) != "answered"
    )


@pytest.mark.parametrize(
    "reply",
    [
        "An engineer will come back on Friday morning to reset it.",
        "Sorry for the trouble. A technician will come out this afternoon.",
    ],
)
def test_the_asked_verb_said_as_what_will_happen_answers(reply: str) -> None:
    ask = "The alarm keeps beeping. can someone come back out to look at it"
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    "reply",
    [
        "If it beeps again, an engineer will come back.",  # only on a condition
        "An engineer will call you tomorrow to arrange a visit.",  # another verb
        "Our engineers cover the whole county.",
    ],
)
def test_another_verb_or_a_condition_is_no_answer(reply: str) -> None:
    ask = "The alarm keeps beeping. can someone come back out to look at it"
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("How long is the boat trip to the island?", "The trip takes about two and a half hours."),
        ("How long is the guided tour?", "It runs for an hour and a half."),
        (
            "What's the turnaround on a framed print?",
            "Framed prints are dispatched within 4 working days.",
        ),
        (
            "Can you confirm the time window for tomorrow's delivery?",
            "The van will arrive between 1 and 3 pm.",
        ),
        ("この冷蔵庫の保証は何年ですか？", "本体の保証はお買い上げ日から三年間です。"),
        (
            "手術後は何日くらい預けることになりますか？",
            "一晩お預かりし、翌朝にはお迎えいただけます。",
        ),
        (
            "How long will my cat stay after the operation?",
            "She stays with us overnight and goes home the next morning.",
        ),
    ],
)
def test_a_span_or_a_time_in_words_answers_a_time_ask(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("How long is the boat trip to the island?", "The boat to the island has a cafe on board."),
        ("What's the turnaround on a framed print?", "Framed prints come in oak or black ash."),
        ("この冷蔵庫の保証は何年ですか？", "保証書は箱の中に同梱しております。"),
        ("手術後は何日くらい預けることになりますか？", "手術は全身麻酔で行います。"),
    ],
)
def test_no_span_leaves_a_time_ask_unanswered(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize("text", ["twice a day", "a day pass", "one of our staff", "a month ago"])
def test_a_unit_without_a_half_is_no_span_in_words(text: str) -> None:
    assert "@time" not in supplied_types(text)


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "Is breakfast included in the room rate?",
            "Breakfast is covered, served from 7 in the lobby.",
        ),
        ("Are towels included with the cabin?", "Towels cost $4 each, payable at the desk."),
        (
            "朝食は宿泊料金に含まれていますか？",
            "朝食代はかかりません。ロビーでご用意しております。",
        ),
        ("タオルはプランに含まれていますか？", "全てのプランにタオルが無料で付いております。"),
    ],
)
def test_the_asked_thing_said_free_or_charged_answers_an_inclusion_ask(
    ask: str, reply: str
) -> None:
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # a price of another thing ("The room rate is $120 a night") is answered on main already
        # the thing, but not whether it costs extra
        ("Is breakfast included in the room rate?", "Breakfast is served in the lobby."),
        ("タオルはプランに含まれていますか？", "タオルの持ち込みも歓迎です。"),
    ],
)
def test_another_things_price_or_no_charge_word_is_no_answer(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    "reply",
    [
        "前日まではかかりません。当日は半額を頂戴しております。",
        "予約変更の手数料は当日からかかります。",
    ],
)
def test_the_japanese_asks_own_verb_said_back_answers(reply: str) -> None:
    assert judge_extracted_status("予約変更の手数料はかかりますか？", reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # 「送料は」 names another fee than the ask's
        ("予約変更の手数料はかかりますか？", "送料はかかりません。"),
        # 「カバーの素材を」: another thing chosen
        ("枕の硬さは選べますか？", "カバーの素材を二種類から選べます。"),
    ],
)
def test_the_own_verb_of_another_topic_is_no_answer(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


def test_a_qualified_no_standing_alone_answers_a_need_ask() -> None:
    reply = "Not at first - a borrowed racket is fine for the first month."
    assert judge_extracted_status("Do I need to buy a racket before the course?", reply) == (
        "answered"
    )


@pytest.mark.parametrize("reply", ["Not all rackets suit beginners.", "Our coaches are patient."])
def test_a_not_that_opens_a_statement_is_no_answer(reply: str) -> None:
    assert judge_extracted_status("Do I need to buy a racket before the course?", reply) != (
        "answered"
    )
