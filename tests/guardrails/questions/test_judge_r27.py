"""Stop 27's judge round: deferrals after a check, and an attribute of the ask's thing."""

import pytest

from tests.guardrails.questions.judging import judge_status, judge_statuses


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "Is the blue sofa in stock?",
            "Let me check the stock for the blue sofa and I'll get back to you.",
        ),
        (
            "予約を14日に変更できますか？",
            "14日へのご予約変更につきましては、確認してからご連絡します。",
        ),
        (
            "三月分の請求が二重になっているのはなぜですか？",
            "三月分の二重請求の件、確認のうえご連絡いたします。",
        ),
        (
            "返金がまだ届かないのはなぜですか？",
            "返金が届いていない件、担当に確認して、分かり次第ご連絡します。",
        ),
    ],
)
def test_a_check_then_reply_defers_the_ask(ask: str, reply: str) -> None:
    assert judge_status(ask, reply) == "pending"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("Is the blue sofa in stock?", "Yes, the blue sofa is in stock and ships within two days."),
        ("予約を14日に変更できますか？", "はい、ご予約を14日に変更いたしました。"),
    ],
)
def test_an_answer_beside_no_deferral_stays_answered(ask: str, reply: str) -> None:
    assert judge_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "What time is checkout at the hotel?",
            "Checkout is at 11 am, and late checkout until 1 pm can be arranged at the desk.",
        ),
        ("When does the library close tonight?", "The library closes at 9 pm tonight."),
        ("When does the pool open?", "It opens at 6:30 every morning."),
        # a subject in other words, nothing setting it apart: still the ask's value
        ("When will it be repaired?", "The engineer is booked for Thursday morning."),
        ("図書館は何時まで開いていますか？", "図書館は夜8時まで開いております。"),
        ("When does the spa open?", "The spa opens at half past nine."),
        # the ask's thing as the owner of the subject: its own value (the points' expiry)
        ("ポイントはいつまで使えますか。", "ポイントの有効期限は最終購入日から1年間です。"),
        (
            "When do the points expire?",
            "The expiry of the points is one year after your last purchase.",
        ),
        # an attribute at / to / for the ask's thing is its value, not another subject's
        # (a rule reading it as another subject was withdrawn after a review)
        (
            "What time is the last bus to the airport?",
            "The final coach to the airport departs at 11:30 pm.",
        ),
        ("How much is a pass for the zoo?", "Entry to the zoo is $18 for adults."),
        ("How much does the workshop cost?", "Registration is $150."),
        ("ジムは何時に開きますか？", "営業開始は朝6時で、ジムは地下にございます。"),
    ],
)
def test_the_asks_own_value_still_answers(ask: str, reply: str) -> None:
    assert judge_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("Is the parking free?", "Yes, parking is free for all guests."),
        ("Is there a charge for the gym?", "There's no charge for the gym; it's free for members."),
        (
            "送迎バスは別料金ですか？",
            "送迎バスはご宿泊料金に含まれておりますので、別料金はかかりません。",
        ),
        ("ジムの利用は有料ですか？", "ジムは会員の方なら無料でご利用いただけます。"),
    ],
)
def test_a_price_stand_answers_a_yes_no_price_ask(ask: str, reply: str) -> None:
    assert judge_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "Why was I charged twice for my March invoice?",
            "Thanks for flagging the double charge on your March invoice. We'll look into it.",
        ),
        (
            "Why hasn't my refund arrived yet?",
            "Sorry your refund hasn't arrived. I'll look into this and let you know.",
        ),
    ],
)
def test_thanks_or_sorry_beside_a_deferral_defers_a_question(ask: str, reply: str) -> None:
    assert judge_status(ask, reply) == "pending"


def test_an_answer_beside_a_conditional_notice_is_not_deferred() -> None:
    reply = (
        "Thanks for asking about the pool. It opens at 7 am; we'll let you know if that changes."
    )
    assert judge_status("When does the pool open?", reply) != "pending"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "Can I change my flight?",
            "Thanks for your message. Yes, you can change it online; I'll check the fare"
            " difference and get back to you.",
        ),
        (
            "What time do you open?",
            "Thanks for asking! We'll look into extending hours, but for now we open at 9 am.",
        ),
        (
            "予約を変更できますか？",
            "お問い合わせありがとうございます。はい、オンラインで変更できます。"
            "差額は確認のうえご連絡いたします。",
        ),
    ],
)
def test_an_answer_beside_a_deferral_is_not_deferred(ask: str, reply: str) -> None:
    # a yes to the yes/no ask, or the asked form (a time), in a clause deferring nothing
    assert judge_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        (
            "Why was I charged twice?",
            "Thanks for flagging the double charge. We'll look into it and get back to you.",
        ),
        # a bare yes inside the deferring clause answers nothing
        ("Can you refund me?", "Sure, I'll check with billing and get back to you."),
        (
            "予約を変更できますか？",
            "お問い合わせありがとうございます。予約の変更について確認のうえご連絡いたします。",
        ),
    ],
)
def test_a_deferral_with_no_answer_beside_it_stays_pending(ask: str, reply: str) -> None:
    assert judge_status(ask, reply) == "pending"


def test_a_yes_to_another_ask_leaves_a_deferred_ask_open() -> None:
    # the yes beside the deferral is in another sentence and answers the other ask
    asks = ["Can I bring my dog to the cabin?", "Do you have parking at the lodge?"]
    reply = (
        "Yes, dogs are welcome in every cabin. Parking at the lodge depends on the season;"
        " I've asked the site team to check and I'll email you tomorrow."
    )
    assert judge_statuses(asks, reply) == ["answered", "pending"]
