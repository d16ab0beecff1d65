"""Judge round 10: hour spans as clock answers, "online" as a channel, yeses in the turn's order.

Opening hours said as bare hours ("open 9 to 3") answer "what time"; "Can I pay my bill
online?" is a yes/no ask, not one for a link; a Japanese sentence ending in a yes
(「…ご利用いただけます」) answers a yes/no ask on its topic among others; a yes with particulars
opening the reply answers the turn's first yes/no ask.
"""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.answer_types import asked_types, is_polar, supplied_types


def _ctx(language: str = "en") -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body="..."),),
        customer_language=language,
        draft_language=language,
        articles=(),
    )


def _statuses(asks: list[str], draft: str) -> list[str]:
    language = "ja" if any("\u3040" <= ch <= "\u9fff" for ch in asks[0]) else "en"
    questions = [Question(f"q{i}", ask) for i, ask in enumerate(asks, 1)]
    return [a.status for a in LexicalJudge().assess(questions, draft, _ctx(language))]


@pytest.mark.parametrize(
    "sentence",
    ["The library is open 9 to 3 on Saturdays.", "We keep our usual hours, 8.30 till 6."],
)
def test_a_span_of_bare_hours_after_an_hours_word_is_a_clock_time(sentence: str) -> None:
    assert "@clock" in supplied_types(sentence)


@pytest.mark.parametrize(
    "sentence", ["Tickets are 10 to 15 pounds each.", "Groups of 4 to 6 people are welcome."]
)
def test_a_span_of_numbers_with_no_hours_word_is_no_clock_time(sentence: str) -> None:
    assert "@clock" not in supplied_types(sentence)


def test_opening_hours_in_bare_hours_answer_what_time() -> None:
    assert _statuses(["What time does the pool open on Saturdays?"], "It's open 7 to 9.") == [
        "answered"
    ]


def test_online_as_a_channel_makes_no_ask_for_a_link() -> None:
    assert "@url" not in asked_types("Can I pay my parking fine online?")
    assert is_polar("Can I pay my parking fine online?")
    assert "@url" in asked_types("Where can I find the timetable online?")


def test_a_japanese_yes_on_the_asks_topic_answers_it_beside_another_ask() -> None:
    statuses = _statuses(
        ["ホテルで自転車は借りられますか。", "朝食は何時からですか。"],
        "自転車はフロントでお貸出しいただけます。朝食は7時からです。",
    )
    assert statuses == ["answered", "answered"]


def test_a_japanese_yes_on_another_topic_does_not_answer() -> None:
    statuses = _statuses(
        ["ホテルで自転車は借りられますか。", "朝食は何時からですか。"],
        "駐車場は無料でご利用いただけます。朝食は7時からです。",
    )
    assert statuses[0] == "missing"


def test_a_yes_with_particulars_opening_the_reply_answers_the_first_yes_no_ask() -> None:
    statuses = _statuses(
        ["Is the pool open on Easter Sunday?", "Can I bring a guest?"],
        "Yes, the usual hours apply, 8 till 8. Guests pay £5 at reception.",
    )
    assert statuses[0] == "answered"


def test_a_yes_with_particulars_later_in_the_reply_answers_only_on_topic() -> None:
    statuses = _statuses(
        ["Is the pool open on Easter Sunday?", "Can I bring a guest?"],
        "Guests pay £5 at reception. Yes, the sauna costs £3 extra.",
    )
    assert statuses[0] == "missing"


def test_a_clock_time_is_no_present_tense() -> None:
    # "10 am" is no "I am": the vet's start time is of an event over
    assert _statuses(
        ["When can I collect my cat after the scan?"],
        "Her scan went smoothly. The vet started the scan at 9 am and it took an hour.",
    ) == ["missing"]


def test_a_narrower_kind_names_the_asks_word() -> None:
    # a contract is a written agreement: sending it sends the agreement asked for
    assert _statuses(
        ["Could you send me a copy of my tenancy agreement?"],
        "I've emailed the signed contract to you just now.",
    ) == ["answered"]


def test_a_kind_word_is_not_matched_through_the_asks_synonyms() -> None:
    # "countries" are political units; "unite" is a synonym of "merge": no chain of the two
    assert _statuses(["How do I merge two profiles?"], "We ship to most countries.") == ["missing"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            "Where can I leave my bike during the class?",
            "There's a covered rack next to reception.",
        ),
        ("Where do we meet the guide?", "The tour starts on Mill Lane, five minutes' walk away."),
        ("どこで受け取れますか。", "駅の改札前でお渡しいたします。"),
    ],
)
def test_a_place_answers_a_where_ask(ask: str, draft: str) -> None:
    assert "@place" in asked_types(ask)
    assert _statuses([ask], draft) == ["answered"]


def test_a_where_ask_for_a_screen_or_a_status_asks_no_place() -> None:
    assert "@place" not in asked_types("Where can I change my password?")
    assert "@place" not in asked_types("Where is my order?")


def test_a_spelled_out_span_answers_how_long() -> None:
    assert "@time" in supplied_types("Most kitchens are fitted in a single day.")
    assert _statuses(
        ["How long does fitting the new boiler take?"],
        "Most installs are done in a single day.",
    ) == ["answered"]


def test_a_japanese_past_time_of_another_event_does_not_answer_when() -> None:
    # the check-up started at 10 and is over: no time for the collection asked about
    assert _statuses(
        ["検査のあと、いつ引き取りに行けますか。"],
        "検査は午前10時に始まり、無事に終わりました。",
    ) == ["missing"]


def test_a_japanese_past_time_of_the_asks_own_topic_answers_it() -> None:
    assert _statuses(["返金はいつされますか。"], "3日前に返金手続きをいたしました。") == [
        "answered"
    ]


def test_the_sentence_after_an_answer_is_left_for_the_next_ask_when_it_names_none_of_it() -> None:
    # the pair of sentences scored for the first ask does not hold the second sentence
    statuses = _statuses(
        ["Can you deliver the cake on Sunday?", "And can I add a card with a greeting?"],
        "Sunday delivery is fine, between 10 and 2. There's a gift-tag field at checkout "
        "and we'll print your words on it.",
    )
    assert statuses == ["answered", "answered"]


def test_a_skipped_second_ask_is_still_missing() -> None:
    statuses = _statuses(
        ["Can you deliver the cake on Sunday?", "And can I add a card with a greeting?"],
        "Sunday delivery is fine, between 10 and 2. We bake every cake fresh that morning.",
    )
    assert statuses[1] == "missing"


def test_a_run_of_sizes_answers_what_sizes() -> None:
    assert "@size" in supplied_types("Our wetsuits run from a junior 8 up to 14.")
    statuses = _statuses(
        ["Do you hire wetsuits for children?", "What sizes do you have?"],
        "We do, and boots too. Junior wetsuits run from a size 8 up to 14.",
    )
    assert statuses == ["answered", "answered"]


def test_steps_for_the_customer_settle_the_only_request_to_act() -> None:
    statuses = [
        a.status
        for a in LexicalJudge().assess(
            [
                Question(
                    "q1", "The zip on my tent jams since the repair. Can you look at it?", "request"
                )
            ],
            "Sorry about that. Drop it at the shop any weekday and our tailor will fix it while "
            "you wait.",
            _ctx(),
        )
    ]
    assert statuses == ["answered"]


def test_a_fact_on_another_matter_does_not_settle_the_only_request_to_act() -> None:
    statuses = [
        a.status
        for a in LexicalJudge().assess(
            [Question("q1", "Can you replace the broken pole?", "request")],
            "Our tents come with a two-year guarantee and are made in Wales.",
            _ctx(),
        )
    ]
    assert statuses == ["missing"]
