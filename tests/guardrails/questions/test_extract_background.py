"""Ask counting on how customers write chats: background, labels, quotes, messages in a row."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import extract
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
        "I know they are meant to last 12 months. Can I get a replacement tube under warranty?"
    )
    assert [t for t, _ in asks_in(body)] == ["Can I get a replacement tube under warranty?"]


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
        ("where is my order, why has it not shipped", 1),
        ("How about paying in instalments, is that allowed?", 1),
        ("Can you refund it, is that possible?", 1),
        ("what is the quickest route to your warehouse, would you say", 1),
        ("by what date, must I send the signed form back", 1),
        ("what, if anything, is the fee for paying by card in Japan", 1),
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
        "only one hutch came in the box. what happened to the other hutch.",
        "just checked and the invoice says both hutches were dispatched??",
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
        (
            "when will my refund come? it takes 3 days. when exactly will the refund land??",
            1,
        ),
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


# --- review fixes (asks-count-r27): every probe below failed on the branch before the fix ---


def test_a_long_comma_list_is_read_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Structural, not timed: the split re-read the growing front at every comma (2,000 items
    # took 30 s). Now a list longer than a few pieces is read once as one question.
    calls: list[str] = []
    real = extract._own_question

    def counting(clause: str, after: str = "") -> bool:
        calls.append(clause)
        return real(clause, after)

    monkeypatch.setattr(extract, "_own_question", counting)
    body = "is there a discount for " + ", ".join(f"shade{i}" for i in range(2000)) + " colours?"
    assert len(asks_in(body)) == 1
    assert len(calls) <= 2 * extract._MAX_COMMA_QUESTIONS
    # negative: a few comma-joined questions are still split
    assert len(asks_in("Do you sell maps, can I pay by card, and do you post abroad?")) == 3


@pytest.mark.parametrize(
    "body",
    [
        "The exchange rate on my statement is wrong. I paid in euros in Lisbon. The receipt "
        "shows a different figure. Anyway, what are your opening hours on Sunday?",
        "My locker key snapped in the lock. I had to leave my bag there. By the way, do you "
        "sell swimming caps?",
        "荷物が壊れて届きました。箱も濡れていました。ところで、営業時間を教えてください。",
    ],
)
def test_background_is_not_folded_across_a_change_of_subject(body: str) -> None:
    assert len(asks_in(body)) == 2


def test_background_is_folded_only_into_an_ask_about_it() -> None:
    unrelated = (
        "My bike light stopped charging after a month. It's the red rear one. The cable looks "
        "fine. How do I update the email on my account?"
    )
    assert len(asks_in(unrelated)) == 2
    # positive: the ask names the background's thing, or points back to it
    related = (
        "My bike light stopped charging after a month. It's the red rear one. The cable looks "
        "fine. Can you send me a new light?"
    )
    assert len(asks_in(related)) == 1
    # a remedy with no object is the remedy for the trouble reported; one naming its own
    # object asks apart
    remedy = "My bike light stopped charging. It is the rear one. The cable is fine. Can I get a "
    assert len(asks_in(remedy + "replacement?")) == 1
    assert len(asks_in(remedy + "refund for my gym membership?")) == 2
    # an ask naming nothing of its own, or pointing back with "these", is about the background
    background = "My bike light stopped charging. It is the rear one. The cable is fine. "
    assert len(asks_in(background + "Can you help me please?")) == 1
    assert len(asks_in(background + "Please swap one of these for me.")) == 1


@pytest.mark.parametrize(
    "bodies",
    [
        ("I was double billed in March.", "how do I change my delivery address?"),
        ("My parcel never arrived.", "Thanks", "What are your opening hours?"),
        ("返金がまだ届いていません。", "配送先を変更したいです。"),
        ("ログインできません", "ポイントの有効期限はいつまでですか"),
        # a marker does not make the send go on with the report before it
        ("my password reset email never comes", "and do you sell filters for the X200"),
        # the same with a marker that says so
        ("My parcel never arrived.", "Also, what are your opening hours?"),
        ("返金がまだ届いていません。", "あと、配送先を変更したいです。"),
    ],
)
def test_messages_in_a_row_about_different_things_ask_apart(bodies: tuple[str, ...]) -> None:
    assert len(extract_questions(_turn(*bodies))) == 2


@pytest.mark.parametrize(
    "bodies",
    [
        # the request in the next send is bare or points back to the report: its context
        ("hi", "the lamp i ordered came with a cracked shade", "please advise"),
        ("The kettle stopped working after two days.", "What can you do?"),
        ("hi", "ポットの蓋が割れて届きました", "交換してもらえますか"),
        ("サイズが合いませんでした", "どうすればいいですか"),
        # two asks stay two however they are sent
        ("Do you open on Sundays?", "And is there parking nearby?"),
        ("日曜日は営業していますか？", "駐車場はありますか？"),
    ],
)
def test_sends_in_a_row_are_read_as_one_message(bodies: tuple[str, ...]) -> None:
    # A chat turn typed as short sends asks what the same words in one message ask: a send
    # alone loses the sentence before it ("it", "please advise", the report a request is for).
    one = "\n\n".join(bodies)
    assert len(extract_questions(_turn(*bodies))) == len(asks_in(one))
    assert len(asks_in(one)) == (2 if "?" in bodies[0] or "？" in bodies[0] else 1)


def test_messages_in_a_row_about_one_thing_ask_once() -> None:
    assert len(extract_questions(_turn("my login doesn't work", "can you reset it"))) == 1
    assert (
        len(extract_questions(_turn("The strap on my bag broke.", "Can you fix the strap?"))) == 1
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Cancel order 4471.",
        "Track parcel 99812",
        "Renew membership 7781",
        "Pause subscription 12.",
        "Reschedule appointment 14b.",
    ],
)
def test_a_verb_before_a_name_and_its_number_still_commands(sentence: str) -> None:
    assert ask_kind_en(sentence) == "request"


@pytest.mark.parametrize("sentence", ["Order number 4471.", "order HS-2041", "bib number 2231"])
def test_a_label_with_a_code_or_an_identifier_noun_stays_a_label(sentence: str) -> None:
    assert ask_kind_en(sentence) is None


@pytest.mark.parametrize(
    "body",
    [
        "Where is my parcel? Where exactly do I drop off a return?",
        "The invoice says I owe 40 pounds? When is the next yoga class?",
    ],
)
def test_exactly_and_a_rising_report_fold_only_on_the_same_topic(body: str) -> None:
    assert len(asks_in(body)) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Forwarding my complaint below.\n\n---------- Forwarded message ---------\n"
            "From: Me <me@example.org>\nDate: Mon, 2 Mar\nSubject: Kettle\n\n"
            "The kettle I bought leaks from the base. Please refund me.",
            "Please refund me.",
        ),
        (
            "下記の苦情を転送します。\n\n---------- 転送メッセージ ----------\n差出人: 山田\n"
            "件名: ケトル\n\nケトルの底から水が漏れます。返金してください。",
            "返金してください。",
        ),
        (
            "Please see below.\n\nBegin forwarded message:\n\nFrom: Sam\nSubject: Boiler\n\n"
            "The boiler has stopped heating. Can you send a technician?",
            "Can you send a technician?",
        ),
    ],
)
def test_a_forwarded_message_is_the_ask_when_the_customer_asks_nothing(
    body: str, expected: str
) -> None:
    assert [t for t, _ in asks_in(body)] == [expected]


def test_the_customers_own_ask_is_read_before_a_forward() -> None:
    # negative: the customer asks themselves, so the forwarded request is history
    body = (
        "Can you cancel my Friday booking?\n\nBegin forwarded message:\n\nFrom: Sam\n\n"
        "Can you send a technician?"
    )
    assert [t for t, _ in asks_in(body)] == ["Can you cancel my Friday booking?"]


def test_a_forward_the_service_cut_from_the_body_is_read_as_the_ask() -> None:
    # service.pipeline.normalise cuts at the same header and keeps the forward as ``quoted``
    forward = (
        "Begin forwarded message:\nFrom: Sam\n\nThe boiler is cold. Can you send a technician?"
    )
    pointer = Message(role="customer", body="Please see below.", quoted=forward)
    ctx = GuardrailContext(messages=(pointer,), customer_language="en", draft_language="en")
    assert [q.text for q in extract_questions(ctx)] == ["Can you send a technician?"]
    # negative: quoted history with no forward header is not read
    history = Message(role="customer", body="Please see below.", quoted="Can you call me?")
    ctx = GuardrailContext(messages=(history,), customer_language="en", draft_language="en")
    assert [q.text for q in extract_questions(ctx)] == ["Please see below."]
