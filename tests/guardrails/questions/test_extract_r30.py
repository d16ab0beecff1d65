"""Ask extraction, round 30: whose thing a wish acts on, reports beside "also", lists, JA forms."""

from __future__ import annotations

import pytest

from guardrails.questions.extract import asks_in
from guardrails.questions.patterns import LIST_MARKER


def _count(body: str) -> int:
    return len(asks_in(body))


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a wish for a counted supply, or a wish pointed at by the one ask after it: one ask
        ("We want 30 paper lanterns for the school fair. Are the lanterns fireproof?", 1),
        ("I'd like to book a pedicure for Monday. Is there anything left after 4?", 1),
        # a wish to act, then an ask about something else: the wish stays a request
        ("I'd like to order a wreath for Friday. Do you do white lilies?", 2),
        ("I need a new tyre. Do you have parking?", 2),
        ("I'd like to book a table for six. Also, can you change the email on my account?", 2),
        # a count, or "any"/"one", with no topic shared: two asks (review r30)
        ("We need 4 spare pillows in cabin 9. When does the sauna open?", 2),
        ("We want 30 paper lanterns for the school fair. Do you post to Ireland?", 2),
        ("We need 50 paper plates for Sunday. Do you have any napkins as well?", 2),
        ("I want a refund for invoice 118. Do you have any branches in Cork?", 2),
        ("I'd like to book a facial for Monday. Is there any parking nearby?", 2),
    ],
)
def test_a_wish_for_something_new_is_the_setting_of_the_ask_about_it(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # an act on the customer's own booking, then a question pointing back: two asks
        ("I need to move my hotel booking to the 20th. Will that cost more?", 2),
        ("We have to shift our cleaning slot to Tuesdays. Is that extra?", 2),
        # a need that is no act on their own thing, or a question naming the act: one
        ("I must send rent to Porto. How long does that take?", 1),
        ("We must renew our permit. Can we renew it online?", 1),
        # the customer's own thing further inside the object phrase (review r30)
        ("I need to move the start date of my lease 215. Is there a fee for that?", 2),
        ("We have to swap the blue sofa in our order 88. Will that delay delivery?", 2),
        # a beneficiary or a destination is not the object acted on: a wish for something new
        ("I'd like to order 12 cupcakes for my son's party. Do you have anything vegan?", 1),
        ("I want to send a gift box to my aunt. Can you gift wrap it?", 1),
    ],
)
def test_an_act_on_the_customers_own_booking_is_an_ask_of_its_own(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("The handle on my new kettle wobbles loose. Also, do you sell descaler?", 2),
        (
            "My pension letter still hasn't come and the deadline is near. Could you also "
            "add my husband as a contact?",
            2,
        ),
        # no "also": the report is the request's background
        ("My pension letter still hasn't come. Could you send it again?", 1),
        # a statement that tells no trouble of the writer's is no matter of its own
        ("Parcels may take a day to show. Please also check the address you gave.", 1),
    ],
)
def test_a_report_before_an_ask_marked_also_stays_its_own(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("the lamp I ordered came without the shade", ["problem"]),
        ("my parcel arrived without any of the batteries", ["problem"]),
        ("I paid the invoice on Friday and the portal still shows unpaid", ["problem"]),
        # a person came without someone, a thing bought without a part, a status read out
        ("My nephew came without his parents this year.", []),
        ("We bought the van without a roof rack in 2019.", []),
        ("The sign still says open.", []),
        # a figure of the customer's set against what it usually is
        ("my water bill came to 61 this quarter, it's usually 40", ["problem"]),
        ("The class had 20 people, it's usually 12.", []),
        ("My rent is 900, it's usually due on the 1st.", []),
    ],
)
def test_a_delivery_without_its_part_and_a_stuck_status_are_problems(
    body: str, kinds: list[str]
) -> None:
    assert [k for _, k in asks_in(body)] == kinds


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("my wife will drive too, can she be named on the insurance", 1),
        ("- 4 more guests are coming, is 20 ok\n- can we bring a speaker", 2),
        # a statement with a pronoun after the comma asks nothing
        ("My dad lives in Hull, he is 80. Can you deliver on Sunday?", 1),
    ],
)
def test_a_question_after_a_comma_about_someone_or_a_figure_named_before(
    body: str, count: int
) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("How do I add a second card? The app only lets me save one", 1),
        ("The form cant find my postcode. Could you add it please", 1),
        ("Quick question - a van clipped my mirror in your car park. Is that on your CCTV?", 1),
        # "lets" for "let's" and a plain report still ask
        ("ok lets go with the Tuesday slot", 1),
        ("The form cant find my postcode.", 1),
    ],
)
def test_words_that_only_look_like_commands_ask_nothing(body: str, count: int) -> None:
    assert _count(body) == count


def test_an_ask_said_again_with_a_pro_verb_counts_once() -> None:
    body = (
        "Can you send my next box to my sister's flat? She works from home. "
        "So yeah, can it go to her flat?"
    )
    assert _count(body) == 1
    added = (
        "Can you send my next box to my sister's flat? She works from home. "
        "So can you also post the receipt to me?"
    )
    assert _count(added) == 2


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # an arrangement in place is background; asking for one still asks
        ("毎月の庭の手入れをお願いしています。来月は日程を変えていただけますか。", 1),
        ("来月から庭の手入れをお願いします。", 1),
        # a closing after an apology clause is no ask; a request with its object stays
        ("営業時間は何時までですか。夜分にすみません、よろしくお願いいたします。", 1),
        ("恐れ入りますが、見積書の送付をよろしくお願いいたします。", 1),
        # a wh-question guessed with でしょう asks; a guess with no wh-word does not
        ("注文はもう届きましたか？あと次の入荷はいつになるんでしょう。", 2),
        ("明日はきっと雨なんでしょう。傘の貸し出しはありますか。", 1),
        # a detail of the wish before it (from when) folds into it
        ("お届け先を会社に変えたいです。来週の便からお願いします", 1),
        ("お届け先を会社に変えたいです。あと、請求書もお願いします", 2),
    ],
)
def test_japanese_background_closings_guesses_and_details(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # "1. 2." items after a wish heading them: the items are the asks
        (
            "週末に猫を預けたいです。1. 土曜は空いてますか 2. 一泊いくらですか "
            "3. 予防接種の証明は必要ですか",
            3,
        ),
        (
            "Hi, I'd like to order a gift box for my aunt.\n- can I pick the delivery day\n"
            "- can you add a handwritten note",
            2,
        ),
        ("I'd like to order a hamper.\n- can it be vegan\n- can you deliver on the 24th", 2),
        # a wish that is an item itself heads nothing
        ("定期便を使っています。①来月は止めたいです。②次から量を減らせますか？", 2),
        # a decimal is no list number
        ("2.5キロの米を送りたいです。送料はいくらですか", 2),
    ],
)
def test_a_wish_heading_a_list_of_asks_is_its_setting(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a wish acting on the customer's own arrangement, then a question of its own: two
        ("レッスンの予約を来週に変更したいのですが、手数料はかかりますか？", 2),
        # a wish for something new, or how to carry the act out: one
        ("犬を二泊預けたいのですが、空きはありますか？", 1),
        ("契約を今月末で解約したいのですが、いつまでに連絡すればよいですか。", 1),
        ("ピアノの調律をお願いしたいのですが、料金はいくらですか。", 1),
    ],
)
def test_a_japanese_wish_on_an_arrangement_of_ones_own_beside_a_question(
    body: str, count: int
) -> None:
    assert _count(body) == count


def test_a_decimal_is_no_list_number() -> None:
    assert LIST_MARKER.match("1.5 kg of rice") is None
    assert LIST_MARKER.match("1. rice") is not None


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # the customer again as the subject of an added clause: its own ask
        ("I want to change my yoga class and I also need a locker added.", 2),
        ("Please move our lesson to 5pm and we also need a second racket.", 2),
        # two acts of one request stay one ask (a cancellation and its refund)
        ("can you pause the milk and start again on the 3rd", 1),
        ("could you cancel that payment and get my money back", 1),
    ],
)
def test_an_added_clause_of_the_customers_own_is_its_own_ask(body: str, count: int) -> None:
    assert _count(body) == count


def test_a_request_said_again_by_its_reversal_verb_counts_once() -> None:
    assert _count("Please lift the freeze on my profile. just unfreeze me pls") == 1
    # an added request is not the first one said again
    assert _count("Please lift the freeze on my profile. Please also send a new PIN.") == 2


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # the stem act on another object: two requests (review r30)
        (
            "Can you unsubscribe me from the daily digest? "
            "Please subscribe me to the text reminders.",
            2,
        ),
        ("Please unlock my tablet. Please lock the garage door remotely.", 2),
        # the same object, or none named again: one request
        ("Please lift the block on my card. Can you unblock it today?", 1),
        ("Please lift the block on my card. I need you to unblock the card.", 1),
    ],
)
def test_a_reversal_verb_says_the_request_again_only_on_the_same_object(
    body: str, count: int
) -> None:
    assert _count(body) == count
