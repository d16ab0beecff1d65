"""Answer alignment: the one skipped ask answered by the sentence left over, in order."""

import pytest

from guardrails.base import QuestionAssessment, Span
from guardrails.questions.align import align_left_over
from guardrails.sentences import split_sentences
from guardrails.terms import content_terms
from tests.guardrails.questions.judging import judge_statuses


def _span(draft: str, sentence: str) -> Span:
    start = draft.index(sentence)
    return Span(start=start, end=start + len(sentence))


def _align(asks: list[str], draft: str, answered: dict[int, str]) -> list[str]:
    """Statuses after alignment, ask i answered by sentence ``answered[i]``, others missing."""
    assessments = [
        QuestionAssessment(
            id=f"q{i}",
            text=ask,
            status="answered" if i in answered else "missing",
            answer_span=_span(draft, answered[i]) if i in answered else None,
        )
        for i, ask in enumerate(asks)
    ]
    out = align_left_over(
        assessments,
        list(split_sentences(draft)),
        idle=lambda text: False,
        terms=lambda text: set(content_terms(text)),
    )
    return [a.status for a in out]


def test_the_left_over_sentence_answers_the_skipped_ask() -> None:
    asks = ["Can I bring my dog to the hotel?", "Also, is there a quiet hour?"]
    draft = (
        "You can, dogs under 10 kg stay free in ground-floor rooms. "
        "Music and parties have to end by 10 pm."
    )
    assert judge_statuses(asks, draft) == ["answered", "answered"]


def test_a_single_ask_with_an_off_topic_reply_stays_missing() -> None:
    draft = "Our shop is on the high street and we're open every day."
    assert judge_statuses(["Can you sharpen kitchen knives?"], draft) == ["missing"]


def test_the_only_ask_is_answered_by_the_opening_sentence_of_its_form() -> None:
    ask = "How do I apply for a parking permit for my street?"
    draft = "Fill in the online form under Permits > Residents and upload a council tax bill."
    assert judge_statuses([ask], draft) == ["answered"]


@pytest.mark.parametrize(
    "draft",
    [
        # the opening sentence gives a price, not the steps asked for
        "Permits cost £40 a year for residents.",
        # the opening sentence is off the topic; the steps after it are not in its place
        "We're open until six today. Fill in the online form under Permits to start.",
    ],
)
def test_the_only_ask_stays_missing_when_its_opening_sentence_does_not_fit(draft: str) -> None:
    ask = "How do I apply for a parking permit for my street?"
    assert judge_statuses([ask], draft) == ["missing"]


@pytest.mark.parametrize(
    ("asks", "draft", "answered"),
    [
        # two asks missing: which one the sentence is about cannot be told
        (
            ["Do you sell gift cards?", "Can they be posted abroad?", "Do they expire?"],
            "Yes, from $10 to $200. They arrive in a red envelope.",
            {0: "Yes, from $10 to $200."},
        ),
        # the ask wants a duration; the sentence left over gives none
        (
            ["Can you fix a cracked phone screen?", "How long would it take?"],
            "Yes, we replace screens for most models. Drop it at the counter with the passcode.",
            {0: "Yes, we replace screens for most models."},
        ),
        # steps carry on the answer before them, not a question about a fact
        (
            ["Can I freeze my membership?", "What happens to the monthly fee?"],
            "Yes, for up to three months at a time. Ask at the front desk to set it up.",
            {0: "Yes, for up to three months at a time."},
        ),
        # the sentence comes before the answer to the ask before it: out of order
        (
            ["Do you deliver on Sundays?", "Is there a minimum order?"],
            "Our vans are electric. Yes, Sunday delivery runs from 9 to 5.",
            {0: "Yes, Sunday delivery runs from 9 to 5."},
        ),
        # a sign-off says nothing
        (
            ["Do you deliver on Sundays?", "Is there a minimum order?"],
            "Yes, Sunday delivery runs from 9 to 5. Hope this helps!",
            {0: "Yes, Sunday delivery runs from 9 to 5."},
        ),
        # the signature under the sign-off is no answer
        (
            ["Do you deliver on Sundays?", "Can I pay the driver by card?"],
            "Hi Jo,\n\nYes, Sunday delivery runs from 9 to 5.\n\nBest regards,\nSam Brook Lee",
            {0: "Yes, Sunday delivery runs from 9 to 5."},
        ),
        # a sentence on the other ask's words continues that answer
        (
            ["Do you deliver on Sundays?", "Is there a minimum order?"],
            "Yes, Sunday delivery runs from 9 to 5. The Sunday vans cover the city centre.",
            {0: "Yes, Sunday delivery runs from 9 to 5."},
        ),
    ],
)
def test_a_truly_skipped_ask_stays_missing(
    asks: list[str], draft: str, answered: dict[int, str]
) -> None:
    statuses = _align(asks, draft, answered)
    assert statuses.count("missing") == len(asks) - len(answered)


def test_the_skipped_ask_takes_the_sentence_in_its_place() -> None:
    asks = ["Do you deliver on Sundays?", "Can I pay the driver by card?"]
    draft = "Yes, Sunday delivery runs from 9 to 5. Contactless is fine at the door."
    assert _align(asks, draft, {0: "Yes, Sunday delivery runs from 9 to 5."}) == [
        "answered",
        "answered",
    ]


def test_the_sentence_after_an_answer_is_left_for_the_next_ask_when_it_names_none_of_it() -> None:
    # the pair of sentences scored for the first ask does not hold the second sentence
    statuses = judge_statuses(
        ["Can you deliver the cake on Sunday?", "And could a greeting card go in with it?"],
        "Sunday delivery is fine, between 10 and 2. There's a gift-tag field at checkout "
        "and we'll print your words on it.",
    )
    assert statuses == ["answered", "answered"]


def test_a_skipped_second_ask_is_still_missing() -> None:
    statuses = judge_statuses(
        ["Can you deliver the cake on Sunday?", "And could a greeting card go in with it?"],
        "Sunday delivery is fine, between 10 and 2. We bake every cake fresh that morning.",
    )
    assert statuses[1] == "missing"


def test_a_left_over_sentence_saying_neither_yes_nor_no_leaves_a_yes_no_ask_missing() -> None:
    asks = ["Can I park at the venue?", "Is the terrace heated?"]
    draft = "Yes, there are 40 free spaces behind the hall. The terrace overlooks the lake."
    # the terrace is described, but whether it is heated is not said
    assert _align(asks, draft, {0: "Yes, there are 40 free spaces behind the hall."}) == [
        "answered",
        "missing",
    ]
    # a stand taken on it answers it
    draft = (
        "Yes, there are 40 free spaces behind the hall. "
        "Patio heaters can be switched on there from October."
    )
    assert _align(asks, draft, {0: "Yes, there are 40 free spaces behind the hall."}) == [
        "answered",
        "answered",
    ]


def test_a_reply_opening_with_a_longer_thanks_is_read_to_its_end() -> None:
    # "Thank you so much!" opens the reply: the answers below it are not a signature
    asks = ["Can I bring my dog to the hotel?", "Also, is breakfast included?"]
    answers = "Dogs are welcome in all ground-floor rooms.\nBreakfast is included in every rate."
    statuses = judge_statuses(asks, answers)
    assert "missing" not in statuses
    assert judge_statuses(asks, "Thank you so much!\n" + answers) == statuses
