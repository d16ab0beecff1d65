"""Judge round r29b: paraphrase - leave granted in other words, a need said as the predicate,
the thing an "is there ...?" ask asks after, values the lexicon missed; skirts stay open.

Every pair here is new text (not from a probe file or a chat batch).
"""

from __future__ import annotations

import pytest

from guardrails.questions.answer_types import supplied_types
from tests.guardrails.questions.judging import judge_statuses


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Entry is 50 cents per child.", "@price"),
        ("A locker costs 30p an hour.", "@price"),
        ("It's five dollars for the whole day.", "@price"),
        ("On Sundays we open at eleven.", "@clock"),
        ("The café opens at nine, after the gallery.", "@clock"),
    ],
)
def test_a_value_the_figures_left_is_read(text: str, kind: str) -> None:
    assert kind in supplied_types(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Come by at 4 p.m. for the tour.", "@price"),
        ("We have 20 people on the list.", "@price"),
        ("Ten of us open the boxes at night.", "@clock"),
    ],
)
def test_no_value_of_that_kind_is_read(text: str, kind: str) -> None:
    assert kind not in supplied_types(text)


@pytest.mark.parametrize(
    ("ask", "answer"),
    [
        # leave granted in other words, on the asked act
        ("ギャラリーで動画を撮ってもいいですか？", "フラッシュを使わなければ撮影して構いません。"),
        ("ベビーカーで入館してもいいですか？", "ベビーカーでの入館は問題ございません。"),
        # a compound is headed by its last part: 大型犬 is a kind of 犬
        ("犬と一緒に乗ってもいいですか？", "大型犬でなければ問題ございません。"),
        ("Can I bring my guitar on the coach?", "That's fine as long as it goes in the hold."),
        # a need said as the predicate, with the asked thing as its topic or unsaid
        ("見学に予約は必要ですか？", "見学のご予約は不要です。"),
        ("事前に靴を買わないといけませんか？", "最初はレンタルで大丈夫です。"),
        # (「…いただければ結構です」 is left out after review: a ば clause closing on 結構です
        # reads the same as 「ご返信いただければ結構です」, which settles no need)
        # what suffices instead, said of the asked thing by a pronoun
        ("Do I need to bring my boarding pass?", "Having it open in the app is enough."),
        # "Is there X on board?" asks after X; the place only frames it
        ("Is there a café on the ferry?", "A café serving hot food is open on every crossing."),
        # the answer before an offer tacked on after a semicolon
        (
            "Do you run tastings on Sundays?",
            "Lovely! Yes, we run wine tastings every Sunday; would 3 pm on the 9th suit you?",
        ),
        # values in words the figure reader leaves
        ("How much is a locker?", "It's 40 cents an hour."),
        ("What time do you open on bank holidays?", "Bank holidays we open at eleven."),
    ],
)
def test_an_answer_in_other_words_is_answered(ask: str, answer: str) -> None:
    assert judge_statuses([ask], answer) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "skirt"),
    [
        # leave for another thing than the asked one
        ("雑誌の貸出延長はネットでできますか？", "CDの延長はネットでも構いません。"),
        ("ベビーカーで入館してもいいですか？", "ペットでしたら問題ございません。"),
        # 犬 heads no compound here: a kennel is no dog
        ("犬と一緒に乗ってもいいですか？", "犬小屋は問題ございません。"),
        ("Can I bring my guitar on the coach?", "Guitars are common for students to carry."),
        # a need said of another thing
        ("見学に予約は必要ですか？", "駐車場のご利用は不要です。"),
        ("見学に予約は必要ですか？", "ご予約の方が優先されます。"),
        # what suffices, said of another thing
        ("Do I need to bring my boarding pass?", "Our app is enough for most trips."),
        # the thing asked after, named without saying there is one
        ("Is there a café on the ferry?", "Our café menu changes every season."),
        # an offer after a semicolon, with no yes before it
        (
            "Do you run tastings on Sundays?",
            "Lovely! Our cellar holds 400 wines; would 3 pm on the 9th suit you?",
        ),
        # the fee's topic without its amount
        ("How much is a locker?", "Lockers are next to the changing rooms."),
        ("What time do you open on bank holidays?", "Bank holidays are often our busiest days."),
    ],
)
def test_a_skirt_is_not_answered(ask: str, skirt: str) -> None:
    assert judge_statuses([ask], skirt) != ["answered"]
