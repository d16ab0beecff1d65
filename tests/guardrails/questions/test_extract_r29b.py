"""Ask extraction, round 29b: a clause split off that asks nothing is no ask of its own."""

from __future__ import annotations

import pytest

from guardrails.questions.extract import asks_in


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("Have a lovely weekend and could you post the spare filter?", 1),
        ("Enjoy the holiday and can you confirm my booking for the 3rd?", 1),
        # two asks joined by "and" stay two; a piece continuing a frame is an ask of its own
        ("Can you post the filter and when will the refund arrive?", 2),
        ("Please tell me whether the mats are washable, and whether they come in grey.", 2),
    ],
)
def test_a_wish_joined_to_an_ask_is_no_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a yes/no ask about the thing just wished for details the one wish
        ("We'd like to order two pizzas for Friday. Can they be half and half?", 1),
        ("I need a new key fob. Could you post it to my work address?", 1),
        # an added act, a fact asked, or a pronoun standing for what follows: two asks
        ("I'd like to cancel my lesson. Can you also refund it?", 2),
        ("I'd like to order a cake for 12. How much will it cost?", 2),
        ("I'd like to return the shoes. Are they open late, your shops in York?", 2),
    ],
)
def test_a_question_detailing_a_wish_is_one_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a request and a question as the two sides of one either-or ask
        ("土曜日に配達してもらえますか？もしくは、店頭で受け取れますか？", 1),
        ("Could you post the spare lens? Or can I pick the lens up in store?", 1),
        # a question word after "or" asks something else
        ("土曜日に配達してもらえますか？それとも、店頭受け取りは何時からですか？", 2),
    ],
)
def test_a_request_or_a_question_is_one_choice(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # the thing's own state or a passive of another act is a separate question
        ("I'd like to book the cottage. Is it near the beach?", 2),
        ("We'd like to order the bunk beds. Are they in stock?", 2),
        ("I'd like to cancel my membership. Can it be refunded?", 2),
        # a spec of the thing made: one ask
        ("We'd like 12 muffins. Can they be vegan?", 1),
    ],
)
def test_a_question_on_the_things_state_stays_its_own_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # conveying or making the ordered thing, or leave for the wish: one ask
        ("We'd like 40 bagels. Can they be shipped to Hull?", 1),
        ("I'd like to book a pitch. Is it possible to have one near the river?", 1),
    ],
)
def test_conveying_the_wished_thing_details_the_wish(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # trouble exclaimed with "would/can you believe" is still one problem to answer
        ("Would you believe the courier brought my box back to the depot again!", 1),
        ("would you believe the blender broke again", 1),
        ("Can you believe you billed me twice!", 1),
        # news or small talk exclaimed asks nothing
        ("Would you believe the sun came out again!", 0),
        ("can you believe this weather!", 0),
    ],
)
def test_exclaimed_trouble_is_one_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count
