"""Judge round r32: light verbs not demanded, and where/how/why asks wanting their form."""

from __future__ import annotations

import pytest

from guardrails.questions.answer_types import supplied_types
from guardrails.questions.judge import (
    _defers_only_by_notice,
    _question_terms,
    _says_asked_verb,
    _says_exists,
)
from tests.guardrails.questions.judging import judge_status, judge_statuses


def test_a_light_verb_is_not_demanded_beside_the_asked_thing() -> None:
    terms = _question_terms("whether I have to make a booking")
    assert "book" in terms
    assert "make" not in terms


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # the verb carries the ask: a reply on the thing alone does not answer it
        ("Can I apply for a mortgage online?", "Mortgages are only offered to account holders."),
        (
            "Can I keep my phone number if I switch?",
            "Your phone number works until the month ends.",
        ),
        ("Does the minimum spend apply to vouchers?", "Vouchers make a lovely birthday present."),
    ],
)
def test_a_verb_carrying_the_ask_is_demanded(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) != "answered"


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("Can I apply for a mortgage online?", "Yes, you can apply online in about ten minutes."),
        ("Does the discount apply to renewals?", "The discount applies to new members only."),
    ],
)
def test_a_verb_carrying_the_ask_answered_when_said(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) == "answered"


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # a courtesy after the greeting says no (or yes) to nothing asked
        (
            "Can I move my table to Friday?",
            "Hi Ben, no worries at all, happy to help! Our Friday menu is great.",
        ),
        (
            "Is the gym open on Sundays?",
            "Hello Priya, absolutely understand how annoying this is. Our gym staff are lovely.",
        ),
        (
            "Can I add a child seat?",
            "Hi Tom, of course I understand your worry. Seats must be fitted by you.",
        ),
        (
            "Is the ticket refundable?",
            "Hey there, no problem, thanks for getting in touch. Tickets are sent by email.",
        ),
    ],
)
def test_a_courtesy_after_the_greeting_is_no_yes_or_no(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) != "answered"


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("Is the gym open on Sundays?", "Hello Priya, yes we are, 8 to 6."),
        ("Can I move my table to Friday?", "Hi Ben, no problem, I've moved it to Friday at 7."),
        # a colon: the courtesy is what follows
        ("Can you pause my milk order?", "Hi Kim, no problem: the milk stops from Monday."),
        ("Is the ticket refundable?", "Hi there, unfortunately not: it was a non-refundable fare."),
    ],
)
def test_a_yes_or_no_after_the_greeting_still_answers(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) == "answered"


@pytest.mark.parametrize(
    ("asks", "draft"),
    [
        (
            ["Is the kettle dishwasher safe?", "Does it have a guarantee?"],
            "The lid is dishwasher safe. I'll check on the status of your other order and "
            "let you know.",
        ),
        (
            ["土曜日の配送は可能ですか？", "代引きは使えますか？"],
            "土曜日も配送いたします。別件の返金については確認のうえご連絡いたします。",
        ),
    ],
)
def test_a_deferral_of_another_matter_leaves_the_skipped_ask_missing(
    asks: list[str], draft: str
) -> None:
    assert judge_statuses(asks, draft)[1] == "missing"


@pytest.mark.parametrize(
    ("asks", "draft"),
    [
        (
            ["Is the kettle dishwasher safe?", "Does it have a guarantee?"],
            "The lid is dishwasher safe. I'll check with the supplier about the guarantee "
            "and let you know.",
        ),
        (
            ["土曜日の配送は可能ですか？", "代引きは使えますか？"],
            "土曜日も配送いたします。代引きについては確認のうえご連絡いたします。",
        ),
        (
            ["Can I bring a friend?", "Is there a dress code?"],
            "Yes, one friend per member is welcome. I'll check with the venue and let you know.",
        ),
    ],
)
def test_a_deferral_of_the_skipped_ask_or_of_nothing_named_holds_it(
    asks: list[str], draft: str
) -> None:
    assert judge_statuses(asks, draft)[1] == "pending"


def test_no_reply_from_the_customer_is_no_third_party_awaited() -> None:
    draft = "We've had no reply from you yet, so could you send the photos again?"
    assert judge_status("Did you receive my photos?", draft) != "pending"
    assert judge_status("Did you get my photos?", "Nothing from you yet, I'm afraid.") != "pending"
    third = "No news from the insurer yet. We'll chase them on Monday and let you know."
    assert judge_status("Has my claim been approved?", third) == "pending"


@pytest.mark.parametrize(
    ("ask", "draft", "expected"),
    [
        # a who-ask wants a party or that it costs nothing, not how to send the thing back
        ("返送の送料は誰が負担しますか？", "商品は7日以内に返送してください。", "partial"),
        ("返送の送料は誰が負担しますか？", "返送料は無料です。", "answered"),
        ("返送の送料は誰が負担しますか？", "送料はお客様のご負担となります。", "answered"),
        ("Who pays for the return postage?", "Please send the item back within 7 days.", "partial"),
        ("Who pays for the return postage?", "We cover it if the item is faulty.", "answered"),
        # whom the customer turns to is answered by an instruction
        (
            "Who do I send the receipts to?",
            "Please reply to this email with your receipts attached, and they will go to our "
            "claims team.",
            "answered",
        ),
    ],
)
def test_a_who_ask_wants_a_party(ask: str, draft: str, expected: str) -> None:
    assert judge_status(ask, draft) == expected


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # the asked thing talked about, no place, no steps, no cause anywhere in the reply
        (
            "Where can I leave my suitcase?",
            "Suitcases are welcome, and our staff look after them free of charge.",
        ),
        ("Why was the pool closed on Monday?", "The pool opens at 7 every weekday morning."),
        (
            "How do I claim the cashback?",
            "The cashback is worth ten percent of your first order.",
        ),
    ],
)
def test_a_form_ask_without_its_form_is_not_answered(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) == "partial"


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("Where can I leave my suitcase?", "You can leave your suitcase at the front desk."),
        ("Why was the pool closed on Monday?", "The pool was closed because a pump broke."),
        # no step is the way
        (
            "How do I claim the cashback?",
            "There's nothing extra to do: the cashback lands in your account within a week.",
        ),
        # a Japanese place is often a bare noun no reader types: not capped
        ("集合場所はどこですか", "集合場所は南口の噴水広場です。"),
        ("リュックはどこに置けますか", "リュックは入口横のロッカーに置けます。"),
    ],
)
def test_a_form_ask_given_its_form_is_answered(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) == "answered"


def test_nothing_to_do_with_is_no_procedure() -> None:
    assert "@procedure" in supplied_types("There's nothing else to do.")
    assert "@procedure" not in supplied_types("That has nothing to do with your plan.")


def test_a_yes_after_the_greeting_opens_the_reply() -> None:
    # the greeting is read past, as a sentence of its own would be
    assert judge_status("Can I bring my dog along?", "Hi Sam, yes! Just keep him on a lead.") == (
        "answered"
    )


@pytest.mark.parametrize(
    "draft",
    [
        "Hi Sam, thanks for getting in touch, we look forward to your stay.",
        "Hi Sam, our lobby is open from 7 am.",
    ],
)
def test_a_greeting_read_past_says_no_yes(draft: str) -> None:
    assert judge_status("Can I bring my dog along?", draft) == "missing"


def test_one_similarity_source_holds_in_every_check() -> None:
    # WordNet's lift/elevator held for the scored windows; now for "is there X" and the asked
    # verb of "do you X" too
    assert _says_exists(
        "Is there a lift in the building?", "An elevator is available on every floor."
    )
    assert _says_asked_verb("Do you repair bikes?", "We fix any bike, any age.")


def test_one_similarity_source_keeps_its_negatives() -> None:
    assert not _says_exists("Is there a lift in the building?", "Elevators are common in offices.")
    assert not _says_asked_verb("Do you repair bikes?", "We sell bikes of any age.")
    assert (
        judge_status("Is there a lift in the building?", "Elevators are a common sight in offices.")
        == "missing"
    )


_TUTOR_ASKS = ["Do your tutors teach grade 8 piano?", "Is Priya free to teach on the 3rd of May?"]


@pytest.mark.parametrize(
    "deferral",
    [
        "Her spring timetable isn't set yet; I've messaged her and will let you know as soon as "
        "she gets back to me.",
        "I've messaged her about that day and will let you know as soon as she gets back to me.",
    ],
)
def test_the_left_over_deferral_puts_the_skipped_ask_on_hold(deferral: str) -> None:
    draft = "All our tutors teach up to grade 8. " + deferral
    assert judge_statuses(_TUTOR_ASKS, draft) == ["answered", "pending"]


@pytest.mark.parametrize(
    "rest",
    [
        "Thanks again for choosing us, we love teaching your family.",
        # news of an event, no answer owed
        "We'll email you when the new term starts.",
    ],
)
def test_a_left_over_sentence_that_defers_nothing_leaves_the_ask_missing(rest: str) -> None:
    draft = "All our tutors teach up to grade 8. " + rest
    assert judge_statuses(_TUTOR_ASKS, draft) == ["answered", "missing"]


def test_someone_getting_back_to_us_is_an_answer_still_owed() -> None:
    owed = "I've messaged Priya and will let you know as soon as she gets back to me."
    assert not _defers_only_by_notice(owed)
    # news of the customer's own thing moving on stays a notice
    assert _defers_only_by_notice("Your sofa is being built and I'll email you once it ships.")
    draft = (
        "All our tutors teach up to grade 8. I've messaged Priya about the 3rd of May and will "
        "let you know as soon as she gets back to me."
    )
    assert judge_statuses(_TUTOR_ASKS[::-1], draft) == ["pending", "answered"]


def test_a_third_party_answer_passed_on_later_defers() -> None:
    ask = "Has the printer told you whether the gold foil can be done?"
    draft = (
        "No word from the printer yet, sorry; I chased them today and will pass on their answer "
        "once it arrives."
    )
    assert judge_status(ask, draft) == "pending"
    assert judge_status(ask, "The printer can do gold foil on any card.") == "answered"


def test_where_a_thing_is_takes_no_stand_on_its_charge() -> None:
    # the older yes/no rule took any closing ございます on the ask's topic for a yes
    assert judge_status("駐輪場は無料ですか？", "駐輪場は建物の裏手にございます。") == "missing"


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # an ask whether it is there is answered by where it is
        ("駐輪場はありますか？", "駐輪場は建物の裏手にございます。"),
        # the asked head named beside where it is
        ("駐輪場は無料ですか？", "無料の駐輪場が建物の裏手にございます。"),
        # a negated existence is a stand (no worry), not a place
        ("未経験でも大丈夫でしょうか。", "初めての方でもまったく心配ありません。"),
    ],
)
def test_where_a_thing_is_still_answers_what_it_says(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) == "answered"


@pytest.mark.parametrize(
    "text",
    [
        # a passive says what happens, no way for the customer to do it
        "会費は毎月25日に自動で引き落とされます。",
        # reassurance asks nothing to be done
        "ご心配なさらないでください。",
        "ご安心ください。",
    ],
)
def test_no_steps_in_a_passive_or_a_reassurance(text: str) -> None:
    assert "@procedure" not in supplied_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "会員ページから受け取れます。",
        "設定画面で変更できます。",
        "熱い鍋を直接置かないでください。",
    ],
)
def test_steps_and_instructions_stay_steps(text: str) -> None:
    assert "@procedure" in supplied_types(text)


def test_a_japanese_how_ask_without_steps_is_not_answered() -> None:
    ask = "解約はどうやってすればいいですか？"
    assert judge_status(ask, "解約はいつでも無料です。") == "partial"
    assert judge_status(ask, "解約はマイページの設定から行えます。") == "answered"


def test_the_left_over_deferral_puts_a_japanese_ask_on_hold() -> None:
    asks = ["駐輪場はありますか。", "土曜の午前に伺ってもいいですか。"]
    draft = "駐輪場は建物の裏手にございます。空き状況を確認のうえ、改めてご連絡いたします。"
    assert judge_statuses(asks, draft) == ["answered", "pending"]
