"""Judge round 34: one reading of relative times and of どうしておけば; thank-you echoes.

Each answer form accepted here has a skirt beside it that must stay unanswered.
"""

from __future__ import annotations

import time

import pytest

from guardrails.questions.answer_types import asked_types, supplied_types
from guardrails.questions.echo import restates
from guardrails.questions.time_phrases import relative_time
from tests.guardrails.questions.judging import judge_statuses

# A when-ask answered by a time told relative to an event, and a reply on the topic without one.
RELATIVE_ANSWERS = [
    ("When does the loyalty discount kick in?", "It kicks in from your next order."),
    ("When will my new username show?", "Your new username shows at your next sign-in."),
    ("新しい会員ランクはいつ反映されますか。", "新しい会員ランクは次回ログイン時に反映されます。"),
    ("値上げ後の料金はいつから適用されますか。", "年額プランは更新時まで今の料金のままです。"),
]
RELATIVE_SKIRTS = [
    ("When does the loyalty discount kick in?", "The loyalty discount is a lovely perk."),
    ("When will my new username show?", "Usernames may use letters and digits."),
    ("新しい会員ランクはいつ反映されますか。", "会員ランクは3段階ございます。"),
]


@pytest.mark.parametrize(("ask", "reply"), RELATIVE_ANSWERS)
def test_a_when_ask_is_answered_by_a_time_relative_to_an_event(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) == ["answered"]


@pytest.mark.parametrize(("ask", "reply"), RELATIVE_SKIRTS)
def test_a_when_ask_met_without_any_time_is_not_answered(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) != ["answered"]


def test_the_judge_and_the_drafter_read_relative_times_from_one_reader() -> None:
    # supplied_types (the judge's reading, which the drafter's self-check reads too) takes the
    # relative time from time_phrases
    sentence = "The new rate applies from your next billing cycle."
    assert relative_time(sentence)
    assert "@time" in supplied_types(sentence)
    assert "@time" not in supplied_types("The new rate is shown on the billing page.")


def test_news_promised_on_an_event_is_no_time_of_the_asked_thing() -> None:
    assert not relative_time("We'll send you the tracking number once it leaves the depot.")
    assert not relative_time("I'll let you know as soon as the part comes in.")
    # the event itself, told as the time of the asked thing, still is one
    assert relative_time("The part ships as soon as it comes in.")
    statuses = judge_statuses(
        ["When will my sofa be delivered?"],
        "We'll send you the tracking details once it leaves the warehouse.",
    )
    assert statuses != ["answered"]


def test_a_news_promise_reader_is_linear_on_a_long_text() -> None:
    text = "we will tell you " * 3000 + "when"  # about 50 KB, no sentence end
    start = time.perf_counter()
    relative_time(text)
    assert time.perf_counter() - start < 5.0  # generous: a quadratic run takes minutes


def test_dou_shite_with_a_conditional_asks_the_way_not_a_cause() -> None:
    assert asked_types("届くまで、どうしておけばいいですか。") >= {"@procedure"}
    assert "@reason" not in asked_types("届くまで、どうしておけばいいですか。")
    assert "@reason" in asked_types("どうして荷物が届かないのですか。")


def test_the_drafter_reads_dou_shite_from_the_judges_reading() -> None:
    from service.backends.offline_check import CAUSE, WAY, forms_wanted

    assert forms_wanted("工事の日まで、どうしていればいいですか。") == {WAY}
    assert forms_wanted("どうして工事が延びたのですか。") == {CAUSE}  # negative: a cause


# A thank-you for the ask that frames only the ask's words is the ask put back.
THANKED_ECHOES = [
    ("Why did my card get declined at the till?", "Thanks for asking why your card got declined."),
    (
        "Do the cabins have heating?",
        "Thank you for your question about whether the cabins have heating.",
    ),
    ("駐車場は予約できますか。", "駐車場の予約についてのお問い合わせありがとうございます。"),
]
# ... while a thank-you followed by the answer, or by a clause of its own, answers it.
THANKED_ANSWERS = [
    (
        "Why did my card get declined at the till?",
        "Thanks for asking why your card got declined: the bank flagged the amount as unusual.",
    ),
    ("Do the cabins have heating?", "Thanks for asking, yes, every cabin has underfloor heating."),
    (
        "駐車場は予約できますか。",
        "お問い合わせありがとうございます。駐車場は前日までご予約いただけます。",
    ),
]


@pytest.mark.parametrize(("ask", "reply"), THANKED_ECHOES)
def test_a_thank_you_framing_the_ask_is_no_answer(ask: str, reply: str) -> None:
    assert restates(reply, ask)
    assert judge_statuses([ask], reply) == ["missing"]


@pytest.mark.parametrize(("ask", "reply"), THANKED_ANSWERS)
def test_a_thank_you_with_the_answer_still_answers(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) == ["answered"]


def test_a_bare_thank_you_is_no_echo() -> None:
    assert not restates("Thanks for getting in touch.", "Do the cabins have heating?")


def test_the_thank_you_readers_are_linear_on_a_long_text() -> None:
    for text in ("thanks for asking " + "a" * 50_000, "ご質問" * 10_000 + "ありがとう"):
        start = time.perf_counter()
        restates(text, "Do the cabins have heating?")
        assert time.perf_counter() - start < 5.0


@pytest.mark.parametrize(
    "text", ["a" * 50_000, "on " * 17_000, "wonder when " * 4_000, "次回" * 25_000]
)
def test_the_relative_time_reader_is_linear_on_long_runs(text: str) -> None:
    start = time.perf_counter()
    relative_time(text)
    assert time.perf_counter() - start < 5.0  # generous: a quadratic run takes minutes


TIME_FRAMES_NOT_ANSWERS = [
    # an event noun describing a noun, a when-clause wondered about, a topic frame
    "Parcels go by courier with a signature on delivery.",
    "Lots of members wonder when the pool opens.",
    "点検の際は前日にご連絡ください。",
]


@pytest.mark.parametrize("sentence", TIME_FRAMES_NOT_ANSWERS)
def test_a_frame_or_a_wondered_when_is_no_relative_time(sentence: str) -> None:
    assert not relative_time(sentence)


def test_dono_kurai_before_an_adjective_of_amount_asks_no_time() -> None:
    assert "@time" not in asked_types("年払いにするとどのくらい安くなりますか。")
    assert "@time" in asked_types("交換にはどのくらいかかりますか。")  # negative: a length
    assert "@time" in asked_types("どれぐらい待ちますか。")
    # a renewal time is no answer to how much cheaper it gets
    assert judge_statuses(
        ["年払いにするとどのくらい安くなりますか。"], "年払いへの変更は更新時に承ります。"
    ) != ["answered"]


# The whole matter handed to a colleague or a team defers every ask left open.
HANDED_OVER = [
    (
        ["Why did the gas bill double this quarter?", "Will I get the extra back?"],
        "Sorry for the worry. I've forwarded your query to Priya in our billing team, and "
        "she'll phone you tomorrow morning.",
    ),
    (
        ["Why did the gas bill double this quarter?", "Will I get the extra back?"],
        "I've passed this on to our accounts team, who will call you today.",
    ),
    (
        ["検針の数値が違うのはなぜですか。", "差額は戻りますか。"],
        "ご迷惑をおかけしております。担当部署に申し伝えました。明日中に担当者よりお電話いたします。",
    ),
]


@pytest.mark.parametrize(("asks", "reply"), HANDED_OVER)
def test_a_hand_over_of_the_matter_defers_every_open_ask(asks: list[str], reply: str) -> None:
    assert judge_statuses(asks, reply) == ["pending", "pending"]


def test_a_hand_over_of_one_named_thing_leaves_the_other_ask_open() -> None:
    # negative: the hand-over names the bill; the moving ask is neither answered nor deferred
    statuses = judge_statuses(
        ["Why did the gas bill double this quarter?", "Can I move my meter reading date?"],
        "I've passed the bill query to Priya in our billing team; she'll phone you tomorrow.",
    )
    assert statuses[1] == "missing"


def test_an_answered_ask_stays_answered_beside_a_hand_over() -> None:
    statuses = judge_statuses(
        ["Why did the gas bill double this quarter?", "Can I move my meter reading date?"],
        "I've passed this to our billing team, who will call you today. You can move your "
        "meter reading date under Account > Readings.",
    )
    assert statuses == ["pending", "answered"]


def test_a_hand_over_reader_is_linear_on_a_long_text() -> None:
    from guardrails.questions.judge import _MATTER_HANDED_OVER

    for text in ("we have passed " * 3500, "担当" * 25_000):
        start = time.perf_counter()
        _MATTER_HANDED_OVER.search(text)
        assert time.perf_counter() - start < 5.0


def test_a_check_told_by_a_past_form_before_uue_defers() -> None:
    assert judge_statuses(
        ["配送日を指定できますか"], "倉庫に確かめたうえで、本日中にご連絡いたします。"
    ) == ["pending"]
    # negative: a check done, its result told, is no deferral
    assert judge_statuses(
        ["配送日を指定できますか"], "倉庫に確かめたところ、配送日はご指定いただけません。"
    ) != ["pending"]


def test_a_word_of_short_hyphenated_parts_is_one_term() -> None:
    from guardrails.terms import content_terms

    assert "wifi" in content_terms("Is there Wi-Fi on the coach?")
    assert "wifi" in content_terms("車内でWi-Fiは使えますか。")  # a kana before it
    assert content_terms("Each seat has free wifi.") & content_terms("Wi-Fi on board?")
    # longer parts stay words of their own
    assert "pick" in content_terms("Book a pick-up for Monday.")
    start = time.perf_counter()
    content_terms("a-" * 25_000)
    assert time.perf_counter() - start < 5.0


def test_a_hyphenated_word_is_answered_by_its_plain_spelling() -> None:
    ask = "バスの中にWi-Fiはありますか。"
    assert judge_statuses(
        [ask, "座席は指定できますか。"], "全車両で無料wifiをご利用いただけます。"
    ) == [
        "answered",
        "missing",
    ]


def test_any_update_asks_where_the_matter_has_got_to() -> None:
    assert "@status" in asked_types("Any update?")
    assert "@status" in asked_types("Is there any news on the bike repair?")
    assert "@status" in supplied_types("The frame has been resprayed and it ships on Monday.")
    assert "@status" not in supplied_types("The frame is made of steel.")


def test_an_update_ask_is_answered_by_what_has_been_done_to_it() -> None:
    ask = "Any update on my bike repair?"
    assert judge_statuses(
        [ask], "Thanks for bearing with us. It's been resprayed and goes back on the van on Monday."
    ) == ["answered"]
    # skirts: thanks alone, and a state of another thing
    assert judge_statuses([ask], "Thanks so much for your patience.") == ["missing"]
    assert judge_statuses([ask], "Our paint shop has been swamped lately.") != ["answered"]


def test_the_done_to_it_reader_is_linear_on_a_long_text() -> None:
    for text in ("has been " * 6_000, "'s been " + "a" * 50_000):
        start = time.perf_counter()
        supplied_types(text)
        assert time.perf_counter() - start < 5.0
