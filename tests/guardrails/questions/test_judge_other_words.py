"""Correct replies in forms the judge used to miss (the stop-22 judge round, branch judge22).

Times and dates in words, a place on a thing for "where do I find", a done act with its subject
left out, a Japanese ask answered in English, the predicate of a Japanese yes/no ask said back,
a Japanese compound written with okurigana as the ask's focus, a no said with regret or as a
restriction ("card-only", 「…のみとなっております」), Japanese consent (承ります), and a postal
address for an address ask. Each form also has a case
where it must not answer: what it says is about another thing.
"""

import pytest

from guardrails.questions.answer_types import asked_types, polar_in_form, supplied_types
from guardrails.questions.focus import ask_focus
from guardrails.questions.synonyms import cross_language_terms
from tests.guardrails.questions.judging import judge_extracted_status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        ("When does the course start?", "The first lesson is on the second of May.", "answered"),
        ("What time does the bakery open?", "From eight in the morning.", "answered"),
        ("Where do I find the model number?", "It is on the back of the unit.", "answered"),
        ("Please cancel my order.", "Cancelled, and nothing will be charged.", "answered"),
        ("Please cancel my order.", "Noted.", "missing"),
        ("予約のキャンセルはできますか？", "Yes, you can cancel it online.", "answered"),
        ("キャンセル料はかかりますか？", "キャンセル料は前日まではかかりません。", "answered"),
        ("色は選べますか。", "音色を三種類から選べます。", "missing"),
        ("当日の持ち物は何ですか？", "筆記用具と上履きをお持ちください。", "answered"),
        # regret refuses the turn's only ask; the predicate said back with only when it holds
        ("Can I pay by cheque?", "We're card-only, I'm afraid.", "answered"),
        ("Can I pay by cheque?", "Cards and cash are both fine.", "missing"),
        ("ラッピングはできますか？", "承ります。一点につき百円です。", "answered"),
        ("延長料金はかかりますか？", "二時間まではかかりません。", "answered"),
        ("Can I pay by cheque?", "We only take cards and cash.", "answered"),
        # acts in fewer words: we and a past verb, a headline, sent off, a state reached
        ("The website won't load for me.", "We restored the website at noon.", "answered"),
        ("Could you add a note to my order?", "Note added to your order.", "answered"),
        (
            "Could you resend the confirmation?",
            "The confirmation just went to your inbox.",
            "answered",
        ),
        ("Can you waive the booking fee?", "The booking fee is waived.", "answered"),
        ("Will I lose my seat if I arrive late?", "Seats are held for ten minutes.", "partial"),
        ("住所を変更してください。", "住所の変更が完了しております。", "answered"),
        ("傘を預かってもらえますか？", "受付でお預かりします。", "answered"),
        (
            "注文が発送されたか確認してもらえますか。",
            "昨日倉庫から出荷されております。",
            "answered",
        ),
        ("When do you close?", "We're open till half five.", "answered"),
        ("何時まで開いていますか？", "夜の九時まで営業しております。", "answered"),
        ("駐車場はありますか？", "お問い合わせありがとうございます。", "missing"),
        ("予約金はかかりますか？", "特にございません。", "answered"),
        # a yes whose comma leads to an adjunct is a clause of its own; a new clause is not
        ("Is the gym open at Easter?", "Yes, with shorter hours every afternoon.", "answered"),
        ("Can I pay by cheque?", "Yes, we ship to Ireland.", "missing"),
        # a greeting before the yes/no ask does not hide its form
        ("Hi there, is the sauna mixed?", "Hi! Absolutely. Towels are included too.", "answered"),
        ("Do you sell spare filters?", "We certainly do - they're £6 each.", "answered"),
        ("How much notice do I need to give?", "Two weeks, by email.", "answered"),
        ("振込で支払えますか？", "クレジットカード決済のみとなっております。", "answered"),
        ("What's the address for returns?", "Unit 9, Mill Yard, York YO1 7HH.", "answered"),
    ],
)
def test_answers_in_other_words(ask: str, draft: str, status: str) -> None:
    assert judge_extracted_status(ask, draft) == status


@pytest.mark.parametrize(
    ("text", "supplied"),
    [
        ("It starts on the fourth of June.", True),
        ("Doors open at seven in the evening.", True),
        ("Come on May the 3rd.", True),
        ("You may bring a friend.", False),
        ("It was the second of many attempts.", False),
    ],
)
def test_times_and_dates_in_words(text: str, supplied: bool) -> None:
    assert ("@time" in supplied_types(text)) is supplied


@pytest.mark.parametrize(
    ("ask", "place"),
    [
        ("What's your returns address?", True),
        ("返送先の住所を教えてください", True),
        ("What is your email address?", False),
        ("Can I change my address?", False),
    ],
)
def test_address_asks_want_a_place(ask: str, place: bool) -> None:
    assert ("@place" in asked_types(ask)) is place


@pytest.mark.parametrize(
    ("ask", "polar"),
    [
        ("Hi Anna, do you sell gift cards?", True),
        ("Thanks! Is it open on Sunday?", True),
        ("Hi, what time do you open?", False),
    ],
)
def test_a_greeting_before_a_yes_no_ask(ask: str, polar: bool) -> None:
    assert polar_in_form(ask) is polar


def test_the_way_of_doing_asks_for_steps() -> None:
    assert "@procedure" in asked_types("アプリの使い方を教えてください。")
    assert "@procedure" not in asked_types("アプリの名前を教えてください。")


@pytest.mark.parametrize(
    "text", ["Turn right at the lights and we're on the left.", "角を左に曲がってすぐです。"]
)
def test_directions_are_steps(text: str) -> None:
    assert "@procedure" in supplied_types(text)


@pytest.mark.parametrize(
    ("ask", "price"),
    [
        ("How much notice do I need to give?", False),
        ("How much data is included?", False),
        ("How much is the upgrade?", True),
        ("How much deposit do I pay?", True),
    ],
)
def test_how_much_of_a_thing_asks_no_price(ask: str, price: bool) -> None:
    assert ("@price" in asked_types(ask)) is price


def test_english_words_take_their_japanese_terms() -> None:
    terms = cross_language_terms("We have an English menu.")
    assert "メニュー" in terms
    assert cross_language_terms("メニューがあります") == frozenset()


def test_okurigana_compound_is_one_word_of_the_focus() -> None:
    assert ask_focus("当日の持ち物は何ですか？").focus >= {"持"}
    # a verb before its own noun stays apart: the noun heads the phrase
    assert ask_focus("返品の申し込み方法を教えてください").focus == {"返品", "return"}
