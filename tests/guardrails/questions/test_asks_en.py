"""English asks read from clause structure: small talk has no topic, problems need no '?'."""

import pytest

from guardrails.questions.extract import ask_kind


@pytest.mark.parametrize(
    "sentence",
    [
        "how is your day going",
        "what's up",
        "i'm not really sure",
        "who knows",
        "what you said is wrong",
        "yes please",
        "talk to you soon, bye",
        "how is it going my friend",
    ],
)
def test_small_talk_is_not_an_ask(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("can you say that again", "request"),  # asks the agent to act
        ("do you know when the sale ends", "question"),
        ("how do i change my address", "question"),
        ("is this possible", "question"),
        ("how are the fees calculated", "question"),
    ],
)
def test_asks_that_look_like_small_talk_stay_asks(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "the app signs me out every time i switch apps",
        "top up is still pending",
        "contactless isn't working at the till",
        "the transfer was declined",
    ],
)
def test_problems_without_punctuation_or_first_person(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "quarterly reports were published in march",
        "the bridge was opened in 1932",
        "confirm the doors are locked",  # a command whose object holds a clause
    ],
)
def test_a_noun_heading_a_subject_is_not_a_command(sentence: str) -> None:
    expected = "request" if sentence.startswith("confirm") else None
    assert ask_kind(sentence) == expected
