"""A draft that says the ask back (a heading, a question, a restatement) has not answered it."""

import pytest

from guardrails.questions.echo import answer_candidates, is_label, is_question, restates
from guardrails.sentences import split_sentences
from tests.guardrails.questions.judging import judge_answer


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # the question asked back, person swapped
        ("Why did my parcel go to the old address?", "Why did your parcel go to the old address?"),
        # a heading that names the ask
        (
            "Can you move my booking to Thursday?",
            "Your request to move your booking to Thursday:\nOur studio has free parking.",
        ),
        ("How do I merge two accounts?", "How to merge two accounts:\nWe ship to most countries."),
        # the ask quoted as a Japanese label, the text under it on another topic
        (
            "会員証を再発行していただけますか。",
            "「会員証を再発行していただけますか」について\n駐車場は店舗の裏にございます。",
        ),
        ("解約の手順を教えてください。", "解約の手順について\n営業時間は10時から18時です。"),
        # a restatement in the reply's own voice
        ("Why was my parcel sent to the old address?", "Your parcel was sent to the old address."),
    ],
)
def test_an_echo_of_the_ask_is_not_its_answer(ask: str, draft: str) -> None:
    status, _ = judge_answer(ask, draft)
    assert status == "missing"


@pytest.mark.parametrize(
    ("ask", "draft", "answer"),
    [
        (
            "How do I merge two accounts?",
            "How to merge two accounts:\nGo to Settings > Accounts and click Merge.",
            "Go to Settings > Accounts and click Merge.",
        ),
        (
            "解約の手順を教えてください。",
            "解約の手順について\nマイページの「契約」から解約の手続きができます。",
            "マイページの「契約」から解約の手続きができます。",
        ),
        (
            "What time does the studio open on Sundays?",
            "What time does the studio open on Sundays?\nOn Sundays the studio opens at 10:00.",
            "On Sundays the studio opens at 10:00.",
        ),
    ],
)
def test_a_real_answer_after_a_heading_still_counts(ask: str, draft: str, answer: str) -> None:
    status, said = judge_answer(ask, draft)
    assert status == "answered"
    assert said == answer  # the answer sentence, not the heading above it


def test_a_deferral_under_a_heading_defers() -> None:
    status, said = judge_answer(
        "Why did my parcel go to the old address?",
        "Why did your parcel go to the old address?\n"
        "We're looking into this with the courier and will get back to you tomorrow.",
    )
    assert status == "pending"
    assert said.startswith("We're looking into")


def test_a_deferral_that_quotes_the_ask_still_defers() -> None:
    status, _ = judge_answer(
        "Is the booking page down?",
        "We're checking this with our team: is the booking page down?",
    )
    assert status == "pending"


def test_a_clarifying_question_is_no_answer() -> None:
    status, _ = judge_answer(
        "Can you change the size of my order?",
        "Could you tell me which size of the order you would like instead?",
        kind="request",
    )
    assert status == "missing"


def test_a_yes_still_answers_a_yes_no_ask() -> None:
    status, said = judge_answer(
        "Is the rain jacket machine washable?",
        "Is the rain jacket machine washable?\nYes, the rain jacket is machine washable at 30°C.",
    )
    assert status == "answered"
    assert said.startswith("Yes")


def test_sentence_kinds() -> None:
    assert is_question("Could you send us a photo?")
    assert is_question("写真を送っていただけますか。")
    assert not is_question("We sent the photo.")
    assert is_label("How to merge two accounts:")
    assert is_label("「会員証を再発行していただけますか」について")
    assert is_label("2. 解約の手順について")
    assert not is_label("解約の手順についてご案内します。")


def test_restates() -> None:
    ask = "Why was my parcel sent to the old address?"
    assert restates("Your parcel was sent to the old address.", ask)
    # new content: a cause, a time, an undertaking
    assert not restates("Your parcel was sent to the old address saved on the account.", ask)
    assert not restates("Your parcel was sent to the old address on Monday.", ask)
    assert not restates("We'll resend your parcel to the new address.", ask)
    # a statement that says a yes/no ask back affirms it
    assert not restates("Your parcel ships to Canada.", "Does my parcel ship to Canada?")


def test_answer_candidates_keep_adjacency() -> None:
    draft = "1. Returns:\nYou can return unused items.\n\n2. Shipping:\nWe ship worldwide."
    got = answer_candidates(split_sentences(draft), [], lambda _: False, lambda _: False)
    texts = [s.text if s else None for s in got]
    assert texts == [None, "You can return unused items.", None, "We ship worldwide."]
