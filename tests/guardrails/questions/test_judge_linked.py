"""A value answers an ask only when it is about the ask: clauses, side clauses, talking around."""

from collections.abc import Callable

import pytest

from guardrails.questions.answer_types import asked_types, clauses, linked_types
from guardrails.terms import content_terms
from tests.guardrails.questions.judging import judge_status


def test_clauses_split_a_relative_clause_and_resume_the_main_one() -> None:
    assert clauses("Refunds go to our finance team, who work 9 am to 5 pm.") == [
        "Refunds go to our finance team",
        "who work 9 am to 5 pm.",
    ]
    assert clauses("The technician, who saw it today, quoted £85.") == [
        "The technician",
        "who saw it today",
        "quoted £85.",
    ]
    assert clauses("返金は経理部が担当しており、営業時間は平日10時から17時です。") == [
        "返金は経理部が担当しており",
        "営業時間は平日10時から17時です。",
    ]


def _on(ask: str) -> Callable[[str], bool]:
    topic = content_terms(ask)
    return lambda clause: bool(content_terms(clause) & topic)


@pytest.mark.parametrize(
    ("ask", "text", "linked"),
    [
        # a time in a relative clause about someone else
        ("When will my refund arrive?", "Refunds go to our finance team, who work 9 to 5.", False),
        # opening hours of someone else answer no "when will"
        (
            "How long does a service take?",
            "Our garage is open 8 am to 6 pm, Monday to Friday.",
            False,
        ),
        # the time of an event over, for an ask that looks ahead
        ("When can I collect my car?", "The mechanic started on it at 8:30 this morning.", False),
        # the time of the ask's own event
        ("When will my refund arrive?", "It should reach your card within 5 working days.", True),
        # hours of the thing asked about answer "when can I reach it"
        ("When can I reach support?", "Support is available 8 am to 8 pm on weekdays.", True),
        # a price after a relative clause is the main clause's
        ("How much will the repair cost?", "The technician, who saw it today, quoted £85.", True),
        # the past answers an ask about the past
        ("When did you ship my order?", "It was dispatched on Monday.", True),
    ],
)
def test_linked_types(ask: str, text: str, linked: bool) -> None:
    got = linked_types(ask, text, _on(ask)) & asked_types(ask)
    assert bool(got & {"@time", "@clock", "@price"}) is linked


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the probe: the topic and a time of day, about the team
        (
            "When will my refund arrive?",
            "Refunds are handled by our finance team, who work 9 am to 5 pm.",
            "missing",
        ),
        (
            "When will my refund arrive?",
            "Your refund was approved today and should reach your card within 5 working days.",
            "answered",
        ),
        # other values beside the topic, none of the form asked for
        (
            "How much does the annual membership cost?",
            "The annual membership runs for 12 months and covers all 8 of our clubs.",
            "missing",
        ),
        (
            "How much does the annual membership cost?",
            "It's £360 a year, or £32 a month if you'd rather spread it.",
            "answered",
        ),
        (
            "How long does the boiler service take?",
            "Boiler services are done by our engineers, who are available 8 am to 8 pm.",
            "missing",
        ),
        (
            "How long does the boiler service take?",
            "Usually about an hour, a little longer if the flue needs cleaning.",
            "answered",
        ),
        (
            "When can I collect my car after the MOT?",
            "The MOT began at 8:30 this morning and our tester has been on it since.",
            "missing",
        ),
        (
            "When can I collect my car after the MOT?",
            "Your car passed and you can pick it up any time after 3 pm today.",
            "answered",
        ),
        (
            "What time does the shop open on Saturday?",
            "On Saturdays we're open from 9 am to 5 pm.",
            "answered",
        ),
        (
            "返金はいつ頃になりますか。",
            "返金は経理部が担当しており、営業時間は平日10時から17時です。",
            "missing",
        ),
        (
            "返金はいつ頃になりますか。",
            "返金は本日手続きし、5営業日ほどでカードに反映されます。",
            "answered",
        ),
        (
            "年会費はいくらですか。",
            "年会費のお支払いは年1回で、会員様は全国12店舗をご利用いただけます。",
            "missing",
        ),
        ("年会費はいくらですか。", "年会費は税込5,500円でございます。", "answered"),
        # a yes/no ask is not read for a value: "Yes" answers it
        (
            "Is there a fee for parking?",
            "Yes, it's free after 6 pm and £2 an hour before.",
            "answered",
        ),
    ],
)
def test_a_reply_that_talks_around_the_ask_leaves_it_out(ask: str, draft: str, status: str) -> None:
    assert (
        judge_status(
            ask,
            draft,
            language="ja" if ask.isascii() is False else "en",
            draft_language="ja" if draft.isascii() is False else "en",
        )
        == status
    )
