"""Judge answer forms: ages as an answer form, Japanese plans settling a problem, a done act as yes.

"What age can children start?" is answered by an age, 「何歳から」 by 「4歳から」; a Japanese
problem report is settled by what is planned or under way (「…の予定です」「復旧作業中です」);
"Can I / could you ...?" is answered yes by the act done ("I've moved your booking ...").
"""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.answer_types import asked_types, supplied_types
from tests.guardrails.questions.judging import judge_status


@pytest.mark.parametrize(
    "ask", ["What age can kids join the club?", "How old must riders be?", "何歳から参加できますか"]
)
def test_an_age_ask_asks_for_an_age(ask: str) -> None:
    assert "@age" in asked_types(ask)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Riders must be 12 years old or over.", True),
        ("The course is for those aged 16 and up.", True),
        ("6歳以上のお子さまが対象です。", True),
        ("We have 6 horses and 2 ponies.", False),
        ("6月から受付を開始します。", False),
    ],
)
def test_an_age_is_supplied_by_years_old_aged_or_sai(sentence: str, expected: bool) -> None:
    assert ("@age" in supplied_types(sentence)) is expected


def test_an_age_answers_an_age_ask_in_other_words() -> None:
    ask = "子どもは何歳から乗馬クラブに入れますか。"
    assert judge_status(ask, "6歳からご入会いただけます。") == "answered"
    assert judge_status(ask, "乗馬クラブは毎週土曜日に開いております。") == "missing"


def test_a_japanese_plan_settles_the_only_problem_report() -> None:
    ask = "エアコンが朝から動きません。"
    planned = "ご迷惑をおかけしております。技術者が本日午後に伺う予定です。"
    under_way = "ご不便をおかけして申し訳ございません。現在、部品の手配中です。"
    assert judge_status(ask, planned, "problem") == "answered"
    assert judge_status(ask, under_way, "problem") == "answered"
    assert judge_status(ask, "ご不便をおかけして申し訳ございません。", "problem") != "answered"


def test_a_done_act_says_yes_to_a_can_i_ask_on_its_topic() -> None:
    ask = "Can I switch my lesson to the later group on Wednesday?"
    assert judge_status(ask, "We've transferred you to the 6 pm class on Wednesday.") == "answered"
    # an act on something else says no yes
    assert judge_status(ask, "I've sent you our timetable for next month.") != "answered"


def test_a_plain_yes_answers_the_turns_only_yes_no_ask_beside_a_price_ask() -> None:
    asks = [
        Question("q1", "Do you run beginner workshops?", "question"),
        Question("q2", "And what do they cost?", "question"),
    ]
    draft = "We do: all our groups meet on Tuesday nights from 6:30 to 8."
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=" ".join(q.text for q in asks)),),
        customer_language="en",
        draft_language="en",
        articles=(),
    )
    first, second = LexicalJudge().assess(asks, draft, ctx)
    assert first.status == "answered"
    assert second.status == "missing"  # the yes says nothing of the price


def test_an_embedded_where_is_my_ask_asks_for_a_status() -> None:
    assert "@status" in asked_types("I just need to know where my parcel is, please")
    assert "@status" not in asked_types("Where is it going to be delivered from?")


def test_steps_to_follow_settle_the_only_problem_report() -> None:
    ask = "The card reader still won't pair."
    steps = (
        "Let's start it fresh: hold the power key for 10 seconds until it beeps, then pick the "
        "reader again under Settings > Devices in the app."
    )
    assert judge_status(ask, steps, "problem") == "answered"
    assert (
        judge_status(ask, "Sorry to hear that, thanks for letting us know.", "problem")
        != "answered"
    )


def test_a_japanese_hesitation_is_no_yes() -> None:
    # ええと / えっと is "um": it opens no answer, while ええ、 is a yes.
    hesitation = "ええと、少々お待ちください。"
    assert judge_status("注文をキャンセルしてください。", hesitation) == "missing"
    assert judge_status("注文をキャンセルできますか。", "ええ、できます。") == "answered"
