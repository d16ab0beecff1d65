"""Judge round r29b after review: the new paraphrase rules held to what they mean.

Each fix has its positives beside the skirts a reviewer found let through. All text is new.
"""

from __future__ import annotations

import time

import pytest

from guardrails.questions.answer_types import supplied_types
from tests.guardrails.questions.judging import judge_statuses


def test_an_offer_tail_after_a_semicolon_stays_linear() -> None:
    # 100 KB with no question mark: the semicolon tail used to backtrack over every "you"
    draft = "Yes we do; would " + "you " * 25000
    started = time.perf_counter()
    judge_statuses(["Do you deliver on Sundays?"], draft)
    assert time.perf_counter() - started < 3.0


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the answer before an offer put to the customer is still the answer
        (
            "Do you run pottery taster sessions?",
            "Yes, we run one every Saturday; would the 12th suit you?",
            "answered",
        ),
        # an offer with no answer before it answers nothing
        (
            "Do you run pottery taster sessions?",
            "Thanks for getting in touch; would a call tomorrow work for you?",
            "missing",
        ),
    ],
)
def test_an_offer_tail_after_a_semicolon(ask: str, draft: str, status: str) -> None:
    assert judge_statuses([ask], draft) == [status]


@pytest.mark.parametrize(
    "draft",
    [
        "That's fine, as long as she stays on her lead.",
        "That is fine outside school hours.",
    ],
)
def test_a_bare_pronoun_opening_the_reply_grants_leave(draft: str) -> None:
    assert judge_statuses(["Can I bring my dog into the library?"], draft) == ["answered"]


@pytest.mark.parametrize(
    "draft",
    [
        # the pronoun points back to the sentence before, not to the ask
        "Thanks for telling us the parcel came late. That's fine.",
        # ... or to the clause before it
        "I see your form arrived a week late; that's fine.",
        "You mentioned the new rota: that's fine, the desk opens at 8 as before.",
        "Sorry the card was bent. It's fine, the chip still works.",
    ],
)
def test_a_pronoun_after_something_else_grants_no_leave(draft: str) -> None:
    assert judge_statuses(["Can I bring my dog into the library?"], draft) == ["missing"]


@pytest.mark.parametrize(
    "draft",
    [
        "A scan of it is enough.",
        "Bringing a photo of it will do.",
        "Showing them at the door is all you need.",
    ],
)
def test_what_suffices_for_the_asked_thing_says_no_need(draft: str) -> None:
    assert judge_statuses(["Do I need to bring the original letter?"], draft) == ["answered"]


@pytest.mark.parametrize(
    "draft",
    [
        # "is fine" is leave, not sufficiency, and "them" points to the lockers
        "Our lockers are by the pool. Using them after a swim is fine.",
        # a bare pronoun subject may stand for anything said before
        "Thanks for the photos of the damage. These are enough.",
        "We got your two forms. One is enough.",
        "That is enough.",
    ],
)
def test_what_suffices_of_something_else_says_nothing(draft: str) -> None:
    assert judge_statuses(["Do I need to bring the original letter?"], draft) == ["missing"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("館内で動画を撮ってもいいですか？", "館内の撮影は構いません。"),
        ("犬を連れて行っても構いませんか？", "ワンちゃん連れでも差し支えございません。"),
        ("保証書は必要ですか？", "レシートで結構です。"),
        ("会員カードを作らないといけませんか？", "ビジターのままで大丈夫です。"),
    ],
)
def test_ja_leave_or_no_need_said_of_a_thing(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # leave for another thing, with particulars: no yes with particulars either
        ("雑誌の貸出延長は電話でできますか？", "CDの延長は3日まで構いません。"),
        ("家族と一緒に見学してもいいですか？", "お支払いは月末でも構いません。"),
        # 結構です/大丈夫です closing a clause of another matter
        ("印鑑は必要ですか？", "ご都合のよい時にお電話いただければ結構です。"),
        ("保険証は必要ですか？", "予約票を忘れても大丈夫です。"),
        ("ベビーカーで入ってもいいですか？", "祝日も開館しておりますので大丈夫です。"),
        ("今から伺ってもいいですか？", "ご連絡ありがとうございます。もう大丈夫です。"),
    ],
)
def test_ja_leave_or_no_need_of_nothing_asked_stays_open(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) != ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a kind of dog: 小型 modifies 犬
        ("犬と一緒に泊まれますか？", "小型犬でしたらお泊まりいただけます。", "answered"),
        # a guardian statue and a watchdog are no kind of pet dog
        ("犬と一緒に泊まれますか？", "狛犬の前での撮影は構いません。", "missing"),
        ("犬を連れて入店できますか？", "当店の番犬は大人しいので大丈夫です。", "missing"),
    ],
)
def test_ja_compound_head_only_for_a_kind_of_it(ask: str, draft: str, status: str) -> None:
    assert judge_statuses([ask], draft) == [status]


@pytest.mark.parametrize(
    ("text", "priced"),
    [
        ("A paper bag is 20p.", True),
        ("It's 5p per sheet.", True),
        # a screen resolution, not pence
        ("The camera records in 1080p.", False),
        ("Streams play at 720p on mobile.", False),
    ],
)
def test_pence_only_after_one_or_two_digits(text: str, priced: bool) -> None:
    assert ("@price" in supplied_types(text)) is priced


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        (
            "Is there a cloakroom at the venue?",
            "A cloakroom is available by the main doors.",
            "answered",
        ),
        ("Is there a kids' menu in the café?", "We have a kids' menu with six dishes.", "answered"),
        # the thing is the noun right after "is there a", not a later one
        (
            "Is there a fee for extra blankets?",
            "Extra blankets are available from housekeeping.",
            "missing",
        ),
        (
            "Is there a fee for changing my seat?",
            "Seat changes are available online until the day before.",
            "missing",
        ),
    ],
)
def test_is_there_asks_of_the_noun_after_it(ask: str, draft: str, status: str) -> None:
    # a skirt may still be partly answered by the words it shares; it is never answered
    assert (judge_statuses([ask], draft) == ["answered"]) is (status == "answered")
