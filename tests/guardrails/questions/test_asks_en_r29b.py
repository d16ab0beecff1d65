"""English ask kinds, round 29b: a thing failing told by clause structure, not a failure word."""

from __future__ import annotations

import pytest

from guardrails.questions.asks_en import ask_kind_en


@pytest.mark.parametrize(
    "sentence",
    [
        "The door handle came off this morning.",  # particle verb ending its clause, anchored
        "The display went blank again.",  # change of state to an adjective
        "The hot tub has been out of action since Friday.",  # "out of" a use, holding now
        "Our new mirror arrived in three pieces.",  # an arrival in fragments
        "Our dishwasher in the staff room stopped draining.",  # stopped doing its job
        "The blender you sent doesn't turn on.",  # a negated verb of its own function
        "The fridge in our kitchen is kaput.",  # a failure state, present
        "The buckle snapped today.",  # a damage verb, told from now
    ],
)
def test_thing_failing_is_a_problem(sentence: str) -> None:
    assert ask_kind_en(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "The old mill burned down in 1910.",  # a history: a year
        "The expedition turned down the offer of supplies.",  # particle verb with an object
        "The two bands eventually drifted apart.",  # nobody here, no time from now
        "The crowd went wild after the goal.",  # a change of state told as a story
        "The company was out of business by then.",  # past, not a state holding now
        "The waves wear away small cracks in the cliff.",  # "cracks" a noun after an adjective
        "The delivery arrived in two days.",  # a time, not fragments
        "The guests went home happy.",  # a direction, not a state
        "The film doesn't end there.",  # nobody's thing, no time from now
        "The radio stopped playing at ten, what a night.",  # nobody's thing, praise
        "The atlas is out of stock but I got one elsewhere.",  # nobody's thing in the clause
        "Our parcels arrived in threes, wonderful.",  # praise
        "My puppy went quiet when the postman came.",  # a living thing
        "Our train pulled off on schedule.",  # a routine
        "My heating came on at seven as usual.",  # a routine
        "The band stopped playing when the lights failed.",  # people, not a thing
    ],
)
def test_stories_and_histories_are_not_asks(sentence: str) -> None:
    assert ask_kind_en(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody has rung me back about the quote.",  # an act nobody did, perfect
        "No one turned up to service the boiler.",  # a purpose nobody carried out
        "Nobody collected our old fridge.",  # the customer's thing as the object
        "The electrician never came.",  # an agent who never came, clause ends
        "They said the part would arrive by Tuesday and it hasn't.",  # promise denied by ellipsis
        "You promised to email the invoice and nobody did.",
    ],
)
def test_service_not_done_is_a_problem(sentence: str) -> None:
    assert ask_kind_en(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "No one was hurt in the accident.",  # a state, not an act
        "Nobody came to our barbecue but we had fun.",  # a place the story went to
        "Nobody answered the phone when I rang my aunt.",  # an object that is not ours
        "The composer never finished the last movement.",  # a verb with an object: a story
        "She said it would rain and it did.",  # the promise kept
    ],
)
def test_stories_of_people_not_coming_are_not_asks(sentence: str) -> None:
    assert ask_kind_en(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Have someone check the meter on Monday.", "request"),  # causative: base verb
        ("Have your courier leave it with a neighbour.", "request"),
        ("Have the new chairs come in yet", "question"),  # "come": a participle too
        ("have the invoices been sent", "question"),
        ("Have you posted the spare key", "question"),  # a subject pronoun: a question
    ],
)
def test_causative_have_is_a_request(sentence: str, kind: str) -> None:
    assert ask_kind_en(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Would you believe the twins both lost a tooth today!", None),  # news exclaimed
        ("can you believe my nan is 90 this week", None),
        ("Can you believe they charged me twice for one lesson!", "problem"),  # trouble told
        ("Would you believe me if I sent a photo?", "request"),  # asks: a question mark
        ("Can you imagine the cake I described in your window?", "request"),
    ],
)
def test_exclaimed_belief_is_news_not_a_question(sentence: str, kind: str | None) -> None:
    assert ask_kind_en(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("My cousin's tablet had a broken charger back in 2021, he got a new one.", None),
        ("Our boiler failed years ago and the landlord replaced it.", None),
        ("My card was declined again, like back in 2021.", "problem"),  # back now: "again"
        ("My card was declined at the till.", "problem"),
    ],
)
def test_a_failure_years_back_is_history(sentence: str, kind: str | None) -> None:
    assert ask_kind_en(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody wanted to go home, what a wedding.",  # a wish, not a purpose of coming
        "No one thought it would rain in June.",  # a belief
        "Nobody expected the river to freeze.",  # a belief with an infinitive
        "No one has worked harder for this town than your staff.",  # praise by comparison
        "Nobody has ever seen such a sunset.",  # a perfect with no act for the customer
    ],
)
def test_nobody_in_a_story_is_not_a_problem(sentence: str) -> None:
    assert ask_kind_en(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody turned up to repair the gate.",  # purpose right after coming
        "No one has replied to my three emails.",  # a perfect of replying
        "Nobody has collected our old fridge.",  # a perfect on the customer's thing
    ],
)
def test_service_not_done_by_act_roles_is_a_problem(sentence: str) -> None:
    assert ask_kind_en(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody has repaired the leaking gutter as promised.",  # a perfect with a definite object
        "The desk's drawer came off when I opened it.",  # the customer acting in a time clause
    ],
)
def test_the_customers_thing_by_context_is_a_problem(sentence: str) -> None:
    assert ask_kind_en(sentence) == "problem"
