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

# A time told relative to an event: the drafter's self-check reads it as a time (the KB
# sentence it copies was chosen for the ask); the judge does not, as a reply may tell the time
# of another act ("activated upon arrival" for "when will it arrive?").
RELATIVE_TIMES = [
    "It kicks in from your next order.",
    "Your new username shows at your next sign-in.",
    "新しい会員ランクは次回ログイン時に反映されます。",
    "年額プランは更新時まで今の料金のままです。",
    "We'll bill you once the order ships.",  # an act on "you" is no promise of news
]


@pytest.mark.parametrize("sentence", RELATIVE_TIMES)
def test_the_drafter_reads_a_time_relative_to_an_event(sentence: str) -> None:
    from service.backends.offline_check import TIME, forms_given

    assert relative_time(sentence)
    assert TIME in forms_given(sentence, "ja" if sentence.isascii() is False else "en")


RELATIVE_TIME_OF_ANOTHER_ACT = [
    ("When will my new bank card turn up?", "Your bank card can be switched on upon arrival."),
    (
        "When will the desk be sent out?",
        "You can edit the delivery note on the desk until dispatch.",
    ),
    ("When will the lamp be delivered?", "Please look the lamp over for scratches on delivery."),
    ("会員カードはいつ届きますか。", "会員カードはご来店時に受付でお見せください。"),
    ("返金はいつ入金されますか。", "返金の申請は商品の到着後に承ります。"),
]


@pytest.mark.parametrize(("ask", "reply"), RELATIVE_TIME_OF_ANOTHER_ACT)
def test_a_relative_time_of_another_act_does_not_answer_a_when_ask(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) != ["answered"]
    assert "@time" not in supplied_types(reply)


def test_an_event_after_a_noun_that_is_also_a_verb_names_no_time() -> None:
    # "cash on delivery" is a way to pay; "pay on delivery" after its subject tells when
    assert not relative_time("We take cash on delivery and all major cards.")
    assert not relative_time("We add fees on renewal only for late payers.")
    assert relative_time("You pay on delivery.")
    assert relative_time("We'll charge on delivery.")
    assert relative_time("The guarantee starts on delivery of the bike.")
    assert judge_statuses(
        ["When is the payment taken?"], "We take cash on delivery and all major cards."
    ) != ["answered"]


def test_news_promised_on_an_event_is_no_time_of_the_asked_thing() -> None:
    assert not relative_time("We'll email you once it leaves the depot.")
    assert not relative_time("I'll let you know as soon as the part comes in.")
    # the event itself, told as the time of the asked thing, still is one; and our act on
    # "you" that is no message ("We'll refund you once ...") is the act with its time
    assert relative_time("The part ships as soon as it comes in.")
    assert relative_time("We'll refund you as soon as the parcel is back with us.")
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


# A thank-you whose frame also carries the answer (a yes or a no, "we do", "it is not", after
# a comma, a semicolon or "and"), an answer before a Japanese thank-you, and an answer in the
# sentence after a framed thank-you: none is an echo left unanswered.
THANKED_WITH_ANSWER = [
    ("Is the sauna mixed?", "Thanks for asking whether the sauna is mixed, and yes it is."),
    ("Is the car wash free?", "Thank you for asking whether the car wash is free; it is not."),
    ("Do you ship to Malta?", "Thanks for your question about shipping to Malta, we do."),
    (
        "Do you open on bank holidays?",
        "Thanks for asking if we open on bank holidays and yes we do.",
    ),
    ("駐輪場は無料ですか。", "駐輪場は無料です、ご質問ありがとうございます。"),
    (
        "梱包材の回収はできますか。",
        "梱包材の回収についてのお問い合わせありがとうございます。梱包材は配送員が回収いたします。",
    ),
]


@pytest.mark.parametrize(("ask", "reply"), THANKED_WITH_ANSWER)
def test_a_thank_you_carrying_the_answer_answers(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) == ["answered"]


def test_a_thank_you_frame_without_an_answer_stays_an_echo() -> None:
    # negatives of the above: the frame alone, an "and" inside the asked words
    assert restates("Thanks for asking whether the sauna is mixed.", "Is the sauna mixed?")
    assert restates(
        "Thanks for asking whether the sauna and the pool are heated.",
        "Are the sauna and the pool heated?",
    )
    assert restates(
        "梱包材の回収についてのお問い合わせありがとうございます。", "梱包材の回収はできますか。"
    )
    # the sentence after the thanks borrows its words only when it takes one of them up
    assert judge_statuses(
        ["Is the car wash free?"],
        "Thanks for asking whether the car wash is free. We hope to see you soon.",
    ) == ["missing"]


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
    for text in (
        "thanks for asking " + "a" * 50_000,
        "thanks for asking " + ", a" * 17_000,
        "ご質問" * 10_000 + "ありがとう",
        "について" * 12_000 + "ご質問ありがとうございます",
    ):
        start = time.perf_counter()
        restates(text, "Do the cabins have heating?")
        assert time.perf_counter() - start < 5.0


@pytest.mark.parametrize(
    "text", ["a" * 50_000, "on " * 17_000, "wonder when " * 4_000, "漢" * 50_000, "in on " * 9_000]
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
    # ... but the price, the size or the amount it names
    assert "@price" in asked_types("年払いにするとどのくらい安くなりますか。")
    assert "@size" in asked_types("この鍋はどれくらい大きいですか。")
    assert "@size" in asked_types("会議室はどのくらいの広さですか。")
    assert "@quantity" in asked_types("スーツケースはどのくらい重いですか。")
    assert "@time" not in asked_types("この鍋はどれくらい大きいですか。")
    assert judge_statuses(
        ["この鍋はどれくらい大きいですか。"], "この鍋は直径28センチ、深さ12センチです。"
    ) == ["answered"]
    assert judge_statuses(
        ["この鍋はどれくらい大きいですか。"], "この鍋は明後日にお届けできます。"
    ) != ["answered"]
    assert "@time" in asked_types("交換にはどのくらいかかりますか。")  # negative: a length
    assert "@time" in asked_types("どれぐらい待ちますか。")
    # a renewal time is no answer to how much cheaper it gets
    assert judge_statuses(
        ["年払いにするとどのくらい安くなりますか。"], "年払いへの変更は更新時に承ります。"
    ) != ["answered"]


# A hand-over of the message tied to no ask by its words defers every ask left open.
HANDED_OVER = [
    (
        ["Why did the gas bill double this quarter?", "Will I get the extra back?"],
        "Sorry for the worry. I've forwarded your query to Priya in our accounts team, and "
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


# A hand-over tied to one ask by its words (or, in Japanese, by the topic named before it)
# hands on that ask alone; the other stays missing. A delivery ("sent it to") is no hand-over.
HANDED_OVER_ONE = [
    (
        ["Can I return the cracked teapot for a refund?", "When does the spring sale finish?"],
        "I've forwarded your details to our returns desk, who will arrange the teapot refund.",
    ),
    (
        ["Could you close my gym membership?", "What time does the sauna open on Saturday?"],
        "I've passed this to the membership team and they will close it this week.",
    ),
    (
        ["返品はできますか。", "駐車場はありますか。"],
        "返品については担当者に引き継ぎました。",
    ),
    (
        ["配達が遅れているのはなぜですか。", "のし紙は付けられますか。"],
        "配達の件は担当部署に共有しました。",
    ),
]


@pytest.mark.parametrize(("asks", "reply"), HANDED_OVER_ONE)
def test_a_hand_over_tied_to_one_ask_leaves_the_other_open(asks: list[str], reply: str) -> None:
    assert judge_statuses(asks, reply) == ["pending", "missing"]


def test_a_delivery_to_an_address_is_no_hand_over() -> None:
    statuses = judge_statuses(
        ["Can you email me the invoice for my boots?", "Are you open on bank holidays?"],
        "I've sent it to your email address this afternoon.",
    )
    assert statuses[1] == "missing"


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


def test_a_bare_ue_after_a_check_noun_is_no_check_then_reply() -> None:
    from guardrails.follow_up import promises_reply_in_lines

    assert promises_reply_in_lines("在庫を確かめたうえで、ご連絡いたします。")
    assert promises_reply_in_lines("在庫を確認した上でご連絡いたします。")
    # 確認上 (a noun compound, "for checking purposes") is no check followed by our message
    assert not promises_reply_in_lines("確認上の都合により、ご連絡いたしかねます。")


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


def test_what_has_been_done_needs_a_verb_and_the_thing_itself() -> None:
    # an adjective after "been", and a generic plural with no thing of the customer's
    assert "@status" not in supplied_types("The workshop has been open since May.")
    assert "@status" not in supplied_types("Bike repairs have been taken seriously here for years.")
    assert "@status" in supplied_types("Your saddle has just been stitched.")
    assert "@status" in supplied_types("Job 5521 has been booked in.")
    assert judge_statuses(
        ["Any update on my bike repair?"], "Bike repairs have been taken seriously here for years."
    ) != ["answered"]


def test_the_done_to_it_reader_is_linear_on_a_long_text() -> None:
    for text in ("has been " * 6_000, "'s been " + "a" * 50_000, "the " * 12_000 + "a" * 2_000):
        start = time.perf_counter()
        supplied_types(text)
        assert time.perf_counter() - start < 5.0


# "Do I have to bring X?" answered by our providing X itself; a sale of it, another thing
# provided, a permission ask or a request to us is no answer.
PROVIDED = [
    ("Do I need to bring my own paddle?", "Paddles are provided at the boathouse."),
    ("Should I bring a sleeping bag?", "We provide sleeping bags in every hut."),
    (
        "ヘルメットは持って行かなくても大丈夫ですか。",
        "ヘルメットは受付で無料でお貸ししております。",
    ),
    ("材料は持参が必要ですか。", "材料はすべて教室でご用意いたします。"),
]
NOT_PROVIDED = [
    ("Do I need to bring my own paddle?", "Paddles are for sale at the boathouse."),
    ("Do I need to bring my own paddle?", "Life jackets are provided at the boathouse."),
    # the modifier of the thing, not the thing
    ("Do I need to bring my own canoe helmet?", "Canoes are provided at the lake."),
    # a permission ask and a request to us
    ("Can you wrap it as a present?", "Present boxes are provided at the till."),
    ("ヘルメットは持って行かなくても大丈夫ですか。", "ヘルメットは受付で販売しております。"),
    ("水筒は持参したほうがいいですか。", "タオルは各部屋にご用意しております。"),
    ("雨具を持っていく必要はありますか。", "雨の日は長靴をお貸ししております。"),
    ("布団を部屋まで持ってきてもらえますか。", "お部屋には枕をご用意しております。"),
]


@pytest.mark.parametrize(("ask", "reply"), PROVIDED)
def test_a_bring_it_ask_is_answered_by_our_providing_it(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) == ["answered"]


@pytest.mark.parametrize(("ask", "reply"), NOT_PROVIDED)
def test_a_sale_or_another_thing_provided_does_not_answer(ask: str, reply: str) -> None:
    assert judge_statuses([ask], reply) != ["answered"]


def test_the_bring_it_reading_needs_a_need_ask_and_the_thing_itself() -> None:
    from guardrails.questions.judge import _provides_what_to_bring

    assert _provides_what_to_bring("Must I bring a towel?", "Towels are supplied at the desk.")
    # another thing sharing the ask's other words, and a permission ask (the judge may still
    # pass these by other readings, as main does; this reading adds no pass of its own)
    assert not _provides_what_to_bring(
        "Do I need to bring the cable when I hand in my camera?",
        "We'll lend you a camera while yours is in the workshop.",
    )
    assert not _provides_what_to_bring(
        "Can I bring my cat to the cabin?", "Cat beds are provided in every cabin."
    )
    assert not _provides_what_to_bring("Can I bring a towel?", "Towels are supplied at the desk.")


def test_the_bring_it_readers_are_linear_on_a_long_text() -> None:
    from guardrails.questions.judge import _BRING_THING_EN, _BRING_THING_JA, _PROVIDED

    for text in (
        "we will " * 6_000,
        "ご用意" * 15_000,
        "bring " + "a " * 25_000,
        "漢" * 50_000 + "は持参",
        "道具は" * 15_000,
    ):
        start = time.perf_counter()
        _PROVIDED.search(text)
        _BRING_THING_EN.search(text)
        _BRING_THING_JA.search(text)
        assert time.perf_counter() - start < 5.0
