"""An English ask that points back, read with the things it points to."""

import pytest

from guardrails.questions.antecedent import noun_phrases, resolved, speaks_of_another
from tests.guardrails.questions.judging import judge_statuses


def test_noun_phrases_after_determiners_stop_at_a_preposition() -> None:
    text = "The porter took my walnut desk to the loading bay on Friday."
    assert noun_phrases(text) == ["The porter", "my walnut desk", "the loading bay"]


def test_a_bare_noun_or_a_name_is_no_phrase() -> None:
    assert noun_phrases("Priya ordered tulips yesterday.") == []


def test_resolved_puts_the_phrases_for_the_pronoun() -> None:
    assert resolved("When will it be delivered?", "I ordered a walnut desk.") == (
        "When will a walnut desk be delivered?"
    )


def test_resolved_names_the_topic_of_an_ask_that_names_none() -> None:
    assert resolved("Any progress?", "My tent went in for a seam repair.") == (
        "Any progress on My tent?"
    )


def test_without_a_thing_of_the_customer_every_phrase_may_be_meant() -> None:
    assert resolved("Is it done?", "The plumber fixed the boiler.") == (
        "Is The plumber or the boiler done?"
    )


def test_a_thing_of_the_customer_after_a_preposition_only_places_another() -> None:
    assert resolved("When will it work?", "The lift in our block broke.") == (
        "When will The lift or our block work?"
    )


def test_the_agents_own_side_is_not_what_it_stands_for() -> None:
    # "your bakery" is where the cake was ordered: "it" is the cake
    assert resolved("Is it ready?", "I ordered a cake from your bakery.") == ("Is a cake ready?")
    assert noun_phrases("Your courier left the rug by the door.") == ["the rug", "the door"]


def test_a_word_of_time_ends_the_phrase() -> None:
    assert noun_phrases("I sent the blue kettle back last Tuesday.") == ["the blue kettle"]
    assert resolved("Any update?", "My quilt went for cleaning yesterday morning.") == (
        "Any update on My quilt?"
    )


def test_a_reply_on_another_thing_of_the_sentence_before_speaks_of_another() -> None:
    before = "I bought a rocking chair from your showroom."
    assert speaks_of_another(before, "Our showroom closes at 6pm on Sundays.")
    assert not speaks_of_another(before, "Your rocking chair ships on Monday.")
    assert not speaks_of_another(before, "It ships on Monday.")


def test_resolved_leaves_an_ask_with_nothing_to_point_to() -> None:
    assert resolved("When will it be done?", "Lots of people said so.") == ("When will it be done?")


@pytest.mark.parametrize(
    ("message", "draft", "status"),
    [
        # the where-ask's form is read from its own sentence: a place answers it
        (
            "The courier collected my sewing machine on Tuesday and it hasn't been seen since. "
            "Where is it?",
            "Sorry for the worry. Your sewing machine has been serviced and it's on Thursday's "
            "delivery van, arriving between 9 and 11.",
            "answered",
        ),
        # a reply that takes up only another thing of the sentence before (the courier): the
        # stricter of the two readings stands
        (
            "The courier collected my sewing machine on Tuesday and it hasn't been seen since. "
            "Where is it?",
            "Our couriers collect from your door and return within ten days.",
            "missing",
        ),
        # the same when the whole message is the stricter reading: a time of the shop is not
        # when the thing ordered from it comes
        (
            "I bought a rocking chair from your showroom. When will it be delivered?",
            "Our showroom is open until 8pm tonight for collections.",
            "missing",
        ),
        # the earlier sentence's own facts are not what the when-ask wants said again
        (
            "Three tenants have complained about it. When will it be fixed?",
            "The plumber is booked for Monday morning and the leak should be sealed by noon.",
            "answered",
        ),
        # a reply on the topic with no time leaves the when-ask unanswered
        (
            "My mixer went back for a motor repair last week. When will it be returned?",
            "Motor repairs are done by our partner workshop in Hull.",
            "missing",
        ),
    ],
)
def test_a_merged_ask_is_judged_on_its_asking_sentence(
    message: str, draft: str, status: str
) -> None:
    from guardrails.questions.extract import asks_in

    asks = [text for text, _ in asks_in(message)]
    assert len(asks) == 1
    assert judge_statuses(asks, draft) == [status]


def test_a_tag_question_is_not_resolved_to_every_thing_named_before() -> None:
    from guardrails.questions.antecedent import resolved

    before = "I left my scarf and my gloves at the pool."
    assert resolved("They are still in the lost property box, aren't they?", before) == (
        "They are still in the lost property box, aren't they?"
    )
    assert resolved("Is it?", before) == "Is it?"
    # negatives: a pointing ask is still resolved
    assert resolved("Where is it?", before) == "Where is my scarf or my gloves?"
    assert resolved("Can you hold it for me?", before).startswith("Can you hold my scarf")
