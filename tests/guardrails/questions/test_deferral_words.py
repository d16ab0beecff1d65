"""The judge's deferrals and its offers read follow_up's one list of next-message words."""

import re

import pytest

from guardrails.follow_up import FIND_OUT_EN, FOLLOW_UP_EN, promises_reply
from guardrails.questions.judge import ANSWER_ACT, PENDING
from tests.guardrails.questions.judging import judge_status

# One phrase for every alternative of FOLLOW_UP_EN ("hear from us" is said by the customer's
# side: "you'll hear from us"), and of FIND_OUT_EN.
FOLLOW_UP_PHRASES = [
    "reply",
    "respond",
    "write back",
    "get back to you",
    "come back to you",
    "follow up",
    "be in touch",
    "let you know",
    "reach out",
    "contact you",
    "call you",
    "email you",
    "e-mail you",
    "phone you",
    "update you",
    "message you",
    "text you",
    "ring you",
    "send you an update",
]
FIND_OUT_PHRASES = [
    "check",
    "confirm",
    "find out",
    "ask",
    "see",
    "investigate",
    "look into it",
    "double-check",
]


def test_the_phrases_are_follow_ups_words() -> None:
    for phrase in FOLLOW_UP_PHRASES:
        assert re.match(FOLLOW_UP_EN, phrase), phrase
    for phrase in FIND_OUT_PHRASES:
        assert re.match(FIND_OUT_EN, phrase), phrase


@pytest.mark.parametrize("phrase", FOLLOW_UP_PHRASES)
@pytest.mark.parametrize("subject", ["I'll", "We'll", "We will"])
def test_a_promised_next_message_is_a_deferral_and_no_offer(subject: str, phrase: str) -> None:
    # the judge's two lists cannot disagree: a deferral to follow_up is no offer to ANSWER_ACT
    promise = f"{subject} {phrase} tomorrow."
    assert PENDING.search(promise), promise
    assert promises_reply(promise), promise
    assert not ANSWER_ACT.search(promise), promise


@pytest.mark.parametrize("phrase", FIND_OUT_PHRASES)
def test_finding_out_first_is_no_offer(phrase: str) -> None:
    assert not ANSWER_ACT.search(f"I'll {phrase} with the billing team.")


def test_an_offer_of_something_else_is_still_an_offer() -> None:
    # negatives: the exclusion takes only the next-message and finding-out verbs
    assert ANSWER_ACT.search("I'll swap it for a new one today.")
    assert ANSWER_ACT.search("We can refund the fee.")


def test_writing_back_later_defers_a_request() -> None:
    reply = "I'll write back with the invoice attached."
    assert judge_status("Can you send me the invoice?", reply) == "pending"
