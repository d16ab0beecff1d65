"""Judge: list answers, Japanese compound heads, emphatic yeses, notices of events."""

import pytest

from tests.guardrails.questions.judging import judge_status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a yes of any strength, then steps: the steps are how to do what the yes allows
        ("Can I split the bill over two cards?", "Yes, just choose Split at the till.", "answered"),
        (
            "Can I split the bill over two cards?",
            "Sure, just choose Split at the till.",
            "answered",
        ),
        (
            "Can I split the bill over two cards?",
            "Definitely, just choose Split at the till.",
            "answered",
        ),
        # a yes followed by a claim about another thing still answers nothing
        ("Can I pay with a gift card?", "Sure, we deliver to Leeds.", "missing"),
    ],
)
def test_emphatic_yes_is_one_word_class(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft) == status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the answer given, and a promise of news when the customer's thing moves on
        (
            "Has my bike been serviced?",
            "The bike has been serviced and washed; we'll call you once it's back on the rack.",
            "answered",
        ),
        (
            "Do I have to wait there while the car is valeted?",
            "You're welcome to leave the keys and we'll text you when the car is done.",
            "answered",
        ),
        # no answer given: the promise of news defers the ask
        (
            "When will the lab post my blood test figures?",
            "The lab has not sent them over yet. I'll email you the moment they're in.",
            "pending",
        ),
        # news of our own finding out is a deferral
        (
            "Can you swap the strap for a leather one?",
            "We'll email you once we know whether the leather strap fits.",
            "pending",
        ),
        ("Can you swap the strap for a leather one?", "We'll get back to you on that.", "pending"),
    ],
)
def test_notice_of_an_event_is_no_deferral_of_a_given_answer(
    ask: str, draft: str, status: str
) -> None:
    assert judge_status(ask, draft) == status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a prefix or an adjective before the ask's one-kanji word makes a kind of it
        ("雨の日でもツアーはありますか", "小雨であればツアーは予定どおり行います。", "answered"),
        ("皿は何枚ありますか", "大皿が5枚ございます。", "answered"),
        # a noun before it makes another word: a tone is no colour
        ("色は選べますか。", "音色を三種類から選べます。", "missing"),
    ],
)
def test_japanese_compound_of_the_asks_head(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft, language="ja") == status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # "what <plural noun>" asks for the members of a class, as "which" does
        ("What toppings can I add to the pizza?", "Olives, mushrooms and peppers.", "answered"),
        (
            "What delivery slots do you offer?",
            "We offer mornings, afternoons and evenings.",
            "answered",
        ),
        # a list after the clause that leads into it
        ("What shades is the lamp sold in?", "It is sold in amber, teal and white.", "answered"),
        # a bulleted list is one answer, though each bullet is a line of its own
        ("Which extras come with the tent?", "- pegs\n- a mallet\n- a repair kit", "answered"),
        # 「AとBとC」 lists as 「A、B、C」 does
        ("どの味が選べますか", "塩と味噌と醤油からお選びいただけます。", "answered"),
        # no list, no answer
        ("What toppings can I add to the pizza?", "Our oven runs at 400 degrees.", "missing"),
    ],
)
def test_a_list_answers_an_ask_for_members(ask: str, draft: str, status: str) -> None:
    language = "ja" if "味" in ask else "en"
    assert judge_status(ask, draft, language=language) == status


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # お/ご + a verb's continuative names the verb the ask used (kanji_stem reads it)
        ("コートを預けられますか", "コートはクロークでお預かりします。"),
        ("いつ届けてもらえますか", "商品は来週月曜にお届けします。"),
        ("席まで案内してもらえますか", "係の者がお席までご案内します。"),
    ],
)
def test_honorific_nominalisation_names_the_asks_verb(ask: str, draft: str) -> None:
    assert judge_status(ask, draft, language="ja") == "answered"
