"""A reply that talks about an ask's topic without giving what was asked does not answer it.

Talking around a value ask beside other values of its topic leaves it out (``missing``);
skirting read from words alone (no value at all, no stand on a yes/no ask) is ``partial``:
shown to the agent in the report, never an ``unanswered_question`` flag, because the same
reading meets correct replies that give the value or the stand in words it cannot type.
"""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from tests.guardrails.questions.judging import judge_statuses


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a when-ask met with no time at all
        (
            "When will my repaired bike be ready?",
            "Your bike is with our mechanic, who has fitted the new chain and is truing the "
            "wheels.",
            "missing",
        ),
        ("When will my repaired bike be ready?", "It'll be ready on Thursday.", "answered"),
        # a how-much ask met with no amount
        (
            "How much does the gutter cleaning cost?",
            "Gutter cleaning covers every downpipe and we take the debris away with us.",
            "partial",
        ),
        ("How much does the gutter cleaning cost?", "It's £75 for a small house.", "answered"),
        ("いつ頃届きますか。", "ご注文の商品は現在倉庫で梱包しております。", "missing"),
        # a value that depends on something the reply names is a kind of answer
        (
            "How much does the gutter cleaning cost?",
            "It depends on how many storeys the house has.",
            "answered",
        ),
    ],
)
def test_a_value_ask_without_its_value_is_left_out(ask: str, draft: str, status: str) -> None:
    assert judge_statuses([ask], draft) == [status]


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the subject talked about, no yes or no, the word it turns on left out
        (
            "Is the sauna heated in winter?",
            "The sauna sits at the end of the garden and seats eight people.",
            "partial",
        ),
        (
            "Will the courier ring the doorbell?",
            "Our courier drives an electric van and delivers between 8 and 6.",
            "missing",
        ),
        # the same subject with a stand taken, or the head said back, answers
        ("Is the sauna heated in winter?", "The sauna is heated all year round.", "answered"),
        (
            "Will the courier ring the doorbell?",
            "The courier will ring and wait a minute before leaving a card.",
            "answered",
        ),
        # an ask on "I" names its subject by a pronoun: a reply on its object is not skirted
        ("Will I lose my seat if I arrive late?", "Seats are held for ten minutes.", "partial"),
    ],
)
def test_a_yes_no_ask_without_a_yes_or_no_is_left_out(ask: str, draft: str, status: str) -> None:
    assert judge_statuses([ask], draft) == [status]


def test_a_yes_no_ask_naming_a_value_is_answered_by_a_yes() -> None:
    # "Did you get my email?" names an email address but asks for a yes
    draft = "Yes, it arrived this morning and I've added the photos to your claim."
    assert judge_statuses(["Did you get my email?"], draft) == ["answered"]


def test_a_light_verbs_object_is_the_yes_no_asks_focus() -> None:
    # "Do you have lockers in the changing rooms?" is about lockers as much as the rooms: a
    # sentence on lockers is on it (not off its focus, so not missing)
    assert judge_statuses(
        ["Do you have lockers in the changing rooms?", "And are towels provided?"],
        "Every bench has a locker beside it. Towels can be hired for £2 at reception.",
    ) == ["partial", "answered"]


def test_an_opening_yes_answers_the_only_yes_no_ask_beside_other_asks() -> None:
    # only the first ask wants a yes: the reply's opening yes is its answer
    assert judge_statuses(
        ["Can you resize a ring I bought elsewhere?", "How long might that take?"],
        "Certainly, we alter jewellery from any shop.",
    ) == ["answered", "missing"]
    # to a turn's only ask, a yes followed by another topic says nothing of it
    assert judge_statuses(
        ["Can you resize a ring I bought elsewhere?"], "Certainly, we engrave watches too."
    ) == ["missing"]


def test_leave_to_do_otherwise_says_no_to_a_need_ask() -> None:
    assert judge_statuses(
        ["Do I need to stay in the salon while the colour develops?"],
        "You're welcome to pop out for a coffee.",
    ) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("Who covers the cost of the return courier?", "We do, as long as you use our label."),
        ("Who sets up the projector?", "Our events team handles it before you arrive."),
        ("返品の送料は誰が負担しますか。", "商品に不備があった場合は当店が負担いたします。"),
    ],
)
def test_a_party_named_first_answers_a_who_ask(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]


def test_a_who_ask_naming_a_fee_asks_for_no_price() -> None:
    from guardrails.questions.answer_types import asked_types

    assert "@price" not in asked_types("Who pays the delivery fee?")
    assert "@price" not in asked_types("送料は誰が負担しますか。")
    assert "@price" in asked_types("How much is the delivery fee?")


def test_a_school_year_answers_an_age_ask() -> None:
    assert judge_statuses(["何歳から参加できますか。"], "小学3年生からご参加いただけます。") == [
        "answered"
    ]
    assert judge_statuses(["What age can children join?"], "Children from Year 4 can join.") == [
        "answered"
    ]


def test_a_where_ask_naming_a_price_is_not_left_out_for_want_of_a_price() -> None:
    # it wants a place or steps: the price in it is what is looked for, not the answer
    assert judge_statuses(
        ["Where do I find the price of the premium plan?"],
        "Open Settings > Plans and tap Premium to see it.",
    ) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the ask's other words (its frame) said: it is spoken to, not skirted
        ("Is lunch served on Saturdays?", "Lunch runs from noon to 3 on Saturdays.", "answered"),
        # an adjective saying what the subject is, to an ask about what it is
        (
            "Are the hiking boots suitable for winter?",
            "These boots are lined and perfect for cold weather.",
            "partial",
        ),
        # a conclusion drawn ("so you're fine") takes a stand
        (
            "Is my gym pass still valid?",
            "Your pass runs until June, so you can keep training.",
            "answered",
        ),
        ("Is my gym pass still valid?", "Your gym pass was bought at our city branch.", "partial"),
    ],
)
def test_a_yes_no_ask_spoken_to_in_other_words_is_not_skirted(
    ask: str, draft: str, status: str
) -> None:
    assert judge_statuses([ask], draft) == [status]


def test_the_noun_a_what_is_ask_asks_after_is_its_focus() -> None:
    # "What's the deposit for the van?" asks for the deposit: a reply on it is on the ask
    assert judge_statuses(
        ["What's the deposit for the van?"], "The deposit is £150, refunded on return."
    ) == ["answered"]


def test_a_time_ahead_settles_the_only_problem_report() -> None:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="頼んだ部品がまだ届きません。"),),
        customer_language="ja",
        draft_language="ja",
        articles=(),
    )
    report = Question("q1", "頼んだ部品がまだ届きません。", "problem")
    draft = "運送会社に問い合わせたところ、明日の午前中にお届けとのことです。"
    (assessment,) = LexicalJudge().assess([report], draft, ctx)
    assert assessment.status == "answered"


@pytest.mark.parametrize(
    ("sentence", "past"),
    [
        ("The parcel was posted on Monday.", True),
        ("The parcel will reach you on Monday.", False),
        ("昨日発送しました。", True),
        ("明日発送する予定です。", False),
    ],
)
def test_told_in_past(sentence: str, past: bool) -> None:
    from guardrails.questions.answer_types import told_in_past

    assert told_in_past(sentence) is past


@pytest.mark.parametrize(
    "ask",
    [
        "Is it possible to collect my order in person?",
        "Would it be OK to collect my order in person?",
        "Am I able to collect my order in person?",
    ],
)
def test_an_ask_for_leave_in_other_words_is_answered_by_you_can(ask: str) -> None:
    assert judge_statuses([ask], "You can pick it up from our warehouse desk after 2 pm.") == [
        "answered"
    ]


def test_a_japanese_ask_for_a_day_is_answered_by_a_date() -> None:
    assert judge_statuses(
        ["ソファの配送日を教えてください。"], "1月9日の午後にお届けいたします。"
    ) == ["answered"]


def test_a_yes_no_asks_head_said_after_an_auxiliary_answers_it() -> None:
    # "Children can join" says yes to "Can my daughter join ...?" whatever it names
    assert judge_statuses(
        ["Can my daughter join the chess club at 8?"], "Children can join from age 7 onwards."
    ) == ["answered"]


def test_a_kb_policy_does_not_answer_when_this_customers_late_parcel_comes() -> None:
    from guardrails.context import Article
    from guardrails.questions.judge import kb_answers

    ctx = GuardrailContext(
        messages=(Message(role="customer", body="x"),),
        customer_language="ja",
        draft_language="ja",
        articles=(Article(id="ship", title="配送", body="ご注文から2〜4営業日でお届けします。"),),
    )
    general = Question("q1", "注文してから何日で届きますか。")
    late = Question("q1", "いつ届きますか。", "question", "頼んだ本がまだ届きません。")
    assert kb_answers(general, ctx)
    assert not kb_answers(late, ctx)


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # the stand or the value given in words the lexicon does not type
        ("Is the ferry wheelchair accessible?", "Every ferry has a lift up to the passenger deck."),
        ("Is the red kettle in stock?", "The red kettle sold out yesterday afternoon."),
        ("When will the library reopen?", "The library reopens after the Easter holidays."),
        ("Is the parking free?", "Parking costs £3 an hour."),
        ("送料は無料ですか。", "送料は全国一律800円です。"),
    ],
)
def test_a_correct_reply_read_as_skirting_is_never_flagged_missing(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft)[0] in {"answered", "partial"}
