"""Counting asks: alternatives, pro-verb follow-ups, repeats and closing formulas."""

import pytest

from guardrails.questions.extract import asks_in


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Alternatives joined by "or" are one question, answered by choosing.
        ("Is the lamp broken or is the bulb just loose?", 1),
        ("can you tell me if the shop is open or if it closed early", 1),
        # ... while "and" still joins two questions.
        ("Is the lamp broken, and how do I get it repaired?", 2),
    ],
)
def test_alternatives_are_one_question(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A question that only asks how to carry out the request before it.
        ("I need to reset my router. How do I do that?", 1),
        ("I'd like to swap my seat. How can I go about it?", 1),
        # A question with no topic of its own after a problem report.
        ("My parcel vanished from the tracking page. What is going on?", 1),
        # A new term is a new ask; so is a time or an amount.
        ("Please cancel my lesson. Can you also refund it?", 2),
        ("Please renew my pass. When will you do that?", 2),
    ],
)
def test_follow_ups_without_a_topic_fold_into_the_ask_before(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Where is my scooter? Where is my scooter??", 1),
        ("My transfer bounced. Could you say why? Why did it bounce?", 1),
        # Same terms, different question words: two asks.
        ("How do I pause my plan? When can I pause my plan?", 2),
        ("Is the tent light? Is the tent waterproof?", 2),
    ],
)
def test_repeated_asks_are_merged(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


def test_a_closing_formula_with_a_noun_folds_into_the_request_before() -> None:
    asks = asks_in("明細書を再発行したいです。ご対応のほどよろしくお願いいたします。")
    assert len(asks) == 1
    assert asks[0][1] == "request"


def test_a_closing_formula_alone_still_asks() -> None:
    assert [k for _, k in asks_in("ご対応のほどよろしくお願いいたします。")] == ["request"]


def test_a_reference_number_and_a_greeting_add_no_ask() -> None:
    body = "Hello? Could you look up my booking please? Booking 8812. Cheers!"
    assert asks_in(body) == [("Could you look up my booking please?", "request")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Help please! Can you move my booking to Friday?", ["Can you move my booking to Friday?"]),
        ("Can you help me?", ["Can you help me?"]),  # alone, the call for help is the ask
        # a question with no terms of its own is kept: it asks a fact
        (
            "Please repair my bike. How long would it take?",
            ["Please repair my bike.", "How long would it take?"],
        ),
    ],
)
def test_a_bare_call_for_help_gives_way_to_the_ask_beside_it(
    body: str, expected: list[str]
) -> None:
    assert [text for text, _ in asks_in(body)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a statement with a rising tone is the context of the question next to it
        ("My voucher is not working? How long is it valid for?", 1),
        ("My voucher is not working?", 1),  # alone it still asks
        # a need for what is already on the table restates why the customer writes
        ("Why is my withdrawal still pending? I really need the cash.", 1),
        ("My card expired. I need a new card.", 1),
        ("Where is my deposit? I need a new card too.", 2),
        # a follow-up with no topic of its own after a question
        ("Did you block my account? What is going on?", 1),
        ("Is something wrong with my direct debit? please look into it", 1),
        ("Is this a known fault? When will it be fixed?", 2),
        # a request with its object left out acts on what was said before
        ("Why was I charged twice this month? Could you clarify?", 1),
        ("Why did my bill go up this month? Could you refund the difference?", 2),
        # after a question that reports no trouble, a request on "it" is a new act
        ("Do you still have the green kettle? Could you reserve it for me?", 2),
        ("荷物が届かないのはなぜですか。この件を確認していただけますか。", 1),
        ("この商品の在庫はありますか。それを取り置きしていただけますか。", 2),
    ],
)
def test_asks_that_add_nothing_are_counted_once(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the same wh-question asked again, in other words
        ("Where is my refund? Can you tell me where my refund is?", 1),
        ("荷物はいつ発送されますか。いつ発送されるのか教えてください。", 1),
        ("When does the shop open? When does it close?", 2),  # another fact
        # a detail of the request next to it (で + お願い sets how, not what)
        ("見積書を送っていただけますか。宛先は総務部でお願いします。", 1),
        ("日時は土曜日の午前でお願いします。", 1),  # alone it still asks
        # the polite existence verb announces a question, as ある does
        ("お尋ねしたいことがございます。", 0),
        # a speech act naming only its topic is the context of the ask beside it
        ("I wanted to ask about the loyalty scheme. Do points expire?", 1),
        ("We are writing about our booking. Can we add a cot?", 1),
        ("I wanted to ask about the loyalty scheme.", 1),  # alone it asks about the topic
        # a dash links clauses as a comma does
        ("quick one - whats the latest you deliver on fridays", 1),
        # "what" heading a noun asks a fact of its own after a question
        ("Can my son join the club? What kit does he need?", 2),
        ("Great, thanks. That's all I needed.", 0),
    ],
)
def test_restated_and_detailing_asks_count_once(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


def test_a_japanese_list_of_asks_joined_by_no_to_is_two_asks() -> None:
    asks = asks_in("会費について知りたいのと、休会の方法も教えてください。")
    assert [t for t, _ in asks] == ["会費について知りたい", "休会の方法も教えてください。"]


def test_a_japanese_announcement_does_not_name_the_ask_after_it() -> None:
    asks = asks_in("あの、お聞きしたいことがあります。駐車場は何台分ありますか。")
    assert [t for t, _ in asks] == ["駐車場は何台分ありますか。"]


def test_a_japanese_wish_then_how_to_do_it_is_one_ask() -> None:
    asks = asks_in("退会したいです。退会の手続きを教えてください。")
    assert [t for t, _ in asks] == ["退会の手続きを教えてください。"]


def test_a_japanese_wish_then_a_new_question_is_two_asks() -> None:
    asks = asks_in("席を移動したいです。追加料金はかかりますか。")
    assert len(asks) == 2


def test_a_japanese_wish_then_a_deadline_question_is_two_asks() -> None:
    asks = asks_in("会員を退会したいです。何日前までに申し出ればいいですか。")
    assert len(asks) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A head that points forward hands its ask to items that name only a thing.
        (
            "次の点について教えてください。\n・入会金\n・休会の手続き\n・駐輪場の有無",
            [("入会金", "question"), ("休会の手続き", "question"), ("駐輪場の有無", "question")],
        ),
        (
            "I have a few questions:\n- the weekend opening hours\n- is there a lift?",
            [("the weekend opening hours", "question"), ("is there a lift?", "question")],
        ),
        # An announced count of asks, then items that ask: only the items count.
        (
            "伺いたいことが2つあります。\n1. 見学はできますか\n2. 体験料はかかりますか",
            [("見学はできますか", "question"), ("体験料はかかりますか", "question")],
        ),
        # Items under a heading that asks nothing are details, not asks.
        ("My booking:\n- two adults\n- one dog", []),
    ],
)
def test_list_items_under_a_head(body: str, expected: list[tuple[str, str]]) -> None:
    assert asks_in(body) == expected


def test_circled_numbers_inside_a_line_open_items() -> None:
    assert asks_in("①駐車場はありますか②何時まで営業していますか") == [
        ("駐車場はありますか", "question"),
        ("何時まで営業していますか", "question"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The customer's ignorance beside a direct ask is that ask's context.
        ("Please lift the lock on my profile. No clue what triggered it.", 1),
        # An intent that went wrong beside the ask it motivates.
        ("I wanted to settle the invoice but the app crashed. Is a phone payment possible?", 1),
        # A stated need, then a question pointing back to it.
        ("I must post a parcel to Norway. What's the usual transit time for that?", 1),
        # A question with no pointer back asks something of its own.
        ("Please issue one more key card. Are the gates open on Sunday?", 2),
        # A stated need, then a question naming what it names, or pointing back by "it".
        ("We must extend our gym pass. Can we extend online?", 1),
        ("We have to ship a crate to Lima. Will it clear customs quickly?", 1),
        # "there" and "one" after a stated need point nowhere: a question of its own.
        ("We must extend our membership. Is there parking near the gym?", 2),
        ("We need to move our tennis lesson. Is one court lit at night?", 2),
        # Ignorance alone still asks.
        ("no idea what time the pool opens", 1),
    ],
)
def test_context_sentences_merge_into_the_ask(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "お支払いは現金ですか、それともカードですか？",  # それとも offers alternatives
        "予約は必要なのか、必要ないのか教えてください",  # the second piece names nothing new
    ],
)
def test_japanese_alternatives_are_one_ask(body: str) -> None:
    assert len(asks_in(body)) == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A topic announced, then the question about it: one ask.
        ("駐輪場について質問です。月極の空きはありますか。", ["月極の空きはありますか。"]),
        ("退会について教えてください。退会金は発生しますか？", ["退会金は発生しますか？"]),
        # Alone, the topic is what is asked.
        ("年会費について知りたいです", ["年会費について知りたいです"]),
        # A topic ending in a way of doing asks how: an ask of its own.
        (
            "退会方法について教えてください。退会金は発生しますか？",
            ["退会方法について教えてください。", "退会金は発生しますか？"],
        ),
    ],
)
def test_a_japanese_topic_announcement_merges(body: str, expected: list[str]) -> None:
    assert [t for t, _ in asks_in(body)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Could you move my lesson to Friday and also email me the new time?", 2),
        ("Please pause the plan, also send the final bill to my office", 2),
        # "also" without "and" or a comma, or before a noun, adds no act
        ("Could you please also post me a paper copy of the bill?", 1),
        ("I'd like the blue mug and also the green one", 1),
    ],
)
def test_and_also_joins_a_second_act(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "会員証について2点教えてください。\n・再発行はできますか\n・家族と共有できますか",
        "駐車場について二つ伺います。\n・予約は必要ですか\n・大型車も停められますか",
    ],
)
def test_a_topic_with_a_count_of_asks_announces_its_list(body: str) -> None:
    assert [text for text, _ in asks_in(body)] == body.split("\n・")[1:]
