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
    terms = _question_terms("whether a minimum applies")
    assert "minimum" in terms
    assert not any(t.startswith("app") for t in terms)


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
