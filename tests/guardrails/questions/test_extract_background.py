"""Ask counting on how customers write chats: background, labels, quotes, messages in a row."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions.asks_en import ask_kind_en
from guardrails.questions.asks_ja import ask_kind_ja
from guardrails.questions.extract import asks_in, extract_questions


def _turn(*bodies: str, before: tuple[Message, ...] = ()) -> GuardrailContext:
    messages = before + tuple(Message(role="customer", body=b) for b in bodies)
    return GuardrailContext(messages=messages, customer_language="en", draft_language="en")


@pytest.mark.parametrize(
    "sentence",
    [
        "I ran the half marathon on sunday, bib number 2231.",
        "We ordered an inscription for the headstone, order HS-2041.",
        "hi, plot 14b here.",
    ],
)
def test_a_name_and_its_number_is_no_command(sentence: str) -> None:
    assert ask_kind_en(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    ["set temperature to 75", "multiply 7 and 42", "send me 2 copies", "order 2 more", "sign here"],
)
def test_commands_with_figures_still_command(sentence: str) -> None:
    assert ask_kind_en(sentence) == "request"


def test_a_guess_put_to_the_agent_is_a_question() -> None:
    assert ask_kind_en("I guess I can't donate?") == "question"
    # negatives: without the hedge a rising statement reports trouble; without "?" it tells
    assert ask_kind_en("my card doesn't work?") == "problem"
    assert ask_kind_en("I guess my card is broken.") == "problem"


def test_background_before_the_first_ask_is_its_context_however_long() -> None:
    body = (
        "Hi, my UVB tube from you stopped working after 5 weeks. It's the T5 one. "
        "I know they are meant to last 12 months. Can I get a replacement under warranty?"
    )
    assert [t for t, _ in asks_in(body)] == ["Can I get a replacement under warranty?"]


def test_background_does_not_swallow_a_topic_shift_or_stand_alone() -> None:
    shifted = (
        "My card was declined at the till. I tried twice. It was embarrassing. "
        "Also, what are your opening hours on Sunday?"
    )
    assert len(asks_in(shifted)) == 2
    assert len(asks_in("My card was declined at the till yesterday.")) == 1


@pytest.mark.parametrize(
    "body",
    [
        "hey so we're looking at hiring a hot tub for june. do you deliver to flats",
        "I'd love to join the May course but I'm left handed. Is the course suitable for me?",
        "can you send me my last three invoices please. I need them for my accountant",
        "my scooter battery dies after 2 miles. i need it to get to my appointments. "
        "can you replace the battery",
    ],
)
def test_what_the_customer_considers_or_needs_it_for_is_context(body: str) -> None:
    assert len(asks_in(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        # addressed to the agent: a request of its own
        "We're looking at hiring a hot tub, can you check June 6? Also do you deliver to flats?",
        # an act on the thing, not its purpose
        "I need it to be fixed. Also, when do you open on Sunday?",
        "I need a new card. Also, how do I change my PIN?",
    ],
)
def test_addressed_wishes_and_acts_still_count(body: str) -> None:
    assert len(asks_in(body)) == 2


def test_an_ask_below_quoted_history_is_read() -> None:
    body = (
        "> On 3 Feb, Back Issues Team wrote:\n"
        "> Your order has been dispatched. Can we help with anything else?\n\n"
        "Hi, issue 14 was missing from the parcel. could you send it please"
    )
    assert len(asks_in(body)) == 1


def test_a_forwarded_message_and_unquoted_history_are_not_the_customers_asks() -> None:
    forwarded = (
        "Can we switch to the healthy box from next month?\n\nBest,\nPriya\n"
        "---------- Forwarded message ---------\nFrom: Tom\nCan you tell them the crisps are late?"
    )
    assert len(asks_in(forwarded)) == 1
    history = "Where is my order?\n\nOn Tue, Sam wrote:\nCan I help with anything else?"
    assert len(asks_in(history)) == 1


def test_messages_in_a_row_are_one_text() -> None:
    ctx = _turn(
        "I ordered the class 47 loco and it came with a bent coupling.",
        "Also the box was crushed. Can you send a new coupling or do I need to return the loco?",
    )
    assert len(extract_questions(ctx)) == 1
    repeated = _turn(
        "can you cancel my lesson on friday", "hello?? can you cancel my lesson on friday"
    )
    assert len(extract_questions(repeated)) == 1


def test_asks_before_the_agents_last_turn_are_not_counted_again() -> None:
    before = (
        Message(role="customer", body="do you still sell the 12ft carp rods"),
        Message(role="agent", body="Yes, the 12ft model is £89."),
    )
    ctx = _turn(
        "great. can you reserve one for saturday and do you have 15lb line too", before=before
    )
    assert len(extract_questions(ctx)) == 2


def test_a_japanese_request_naming_the_writer_asks_nothing() -> None:
    assert ask_kind_ja("父の墓石の彫刻をお願いしている山田です。") is None
    assert ask_kind_ja("先日修理をお願いした者です。") is None
    # negatives: a request, and a request of something more, still ask
    assert ask_kind_ja("修理をお願いしたいのですが。") == "request"
    assert ask_kind_ja("修理をお願いしたいことがあります。") == "request"
    assert ask_kind_ja("交換をお願いします。") == "request"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("What time do you close on Thursdays, is there a student discount", 2),
        ("can i come back in for an adjustment, is that free within 3 months?", 2),
        ("do you sell gift cards, can I use them online", 2),
        # one ask: a subordinate clause, small talk, a restatement, a tag, a fronted phrase
        ("If it's late, can you refund it?", 1),
        ("When it arrives, can I return it?", 1),
        ("Hi, how are you, can I move my booking?", 1),
        ("what is up with my account, why is it blocked", 1),
        ("What about an auto top-up, is that a option?", 1),
        ("Can you refund it, is that possible?", 1),
        ("what is the meaning behind life, do you think", 1),
        ("at which mileage, should i get my oil changed", 1),
        ("what, if any, are the charges for using my card in mexico", 1),
        ("what if it rains, can I get a refund", 1),
    ],
)
def test_two_questions_joined_by_a_comma_alone(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


def test_a_list_item_is_not_swallowed_by_the_thanks_below_it() -> None:
    body = (
        "Hi! A few things:\n- can I move my lesson from the 10th to the 17th\n"
        "- my friend wants to join, is there space in the same group\nThanks so much!!"
    )
    assert len(asks_in(body)) == 2


def test_a_report_said_with_a_rising_tone_is_the_context_of_the_question_beside_it() -> None:
    ctx = _turn(
        "only one hutch came in the box. what happened to the other one.",
        "just checked and the invoice says both were dispatched??",
    )
    assert len(extract_questions(ctx)) == 1


@pytest.mark.parametrize(
    "body",
    [
        # the customer asks with "you"/"I", a direct question, a question after a comma
        "Is there parking? you ship to canada?",
        "Is there parking? Does it include the radiators and the cylinder?",
        "Is there parking? my youngest is 4, is she allowed on the ice?",
    ],
)
def test_questions_that_only_look_like_reports_still_count(body: str) -> None:
    assert len(asks_in(body)) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("when will i get paid? it usually takes 3 days. when exactly will the money arrive??", 1),
        # negatives: another wh-word, no insisting, or too far from the first
        ("Where is my parcel? How exactly do I track it?", 2),
        ("When do you open? When is the last entry?", 2),
        (
            "When do you open on Sunday? I need to know. Also what is the fee? When exactly does "
            "the sale end?",
            3,
        ),
    ],
)
def test_a_wh_question_pressed_with_exactly_asks_it_again(body: str, expected: int) -> None:
    assert len(asks_in(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "quick question for you. do you deliver on sundays?",
        "Could you help me with something? My card is blocked. Can you unblock it?",
        "Do you sell gift cards? please get back to me asap",
    ],
)
def test_announcements_and_calls_for_a_reply_beside_an_ask_add_none(body: str) -> None:
    assert len(asks_in(body)) == 1


@pytest.mark.parametrize(
    "body",
    [
        # alone they still ask; a reply or a call about a named thing is a request of its own
        "please get back to me asap",
        "Could you help me with something?",
        "Can you reply to my email from Monday about the invoice?",
        "Can someone call me back about my order?",
    ],
)
def test_calls_alone_or_naming_a_topic_still_ask(body: str) -> None:
    assert len(asks_in(body)) == 1


def test_a_reply_request_naming_a_topic_beside_another_ask_counts() -> None:
    body = "Do you sell gift cards? Also can you reply to my email about the invoice from Monday?"
    assert len(asks_in(body)) == 2
