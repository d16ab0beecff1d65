"""Which-of asks: the choice said of one thing, either will do, and shortened names.

``guardrails.questions.slot_fit``'s ``names_the_choice``, ``chooses_one`` and
``either_will_do``, and the judge's reading of them.
"""

from __future__ import annotations

import pytest

from guardrails.questions.slot_fit import chooses_one, either_will_do, names_the_choice

from .judging import judge_statuses

_PLANS = "Which is cheaper, the yearly plan or the monthly plan?"
_BIKES = "Which is lighter, the steel frame or the carbon frame?"
_TREES = "Which would you recommend for a sunny patio: the fig tree or the bay tree?"
_LAMPS = "Which one should I buy for my daughter, the green lamp or the pink lamp?"
_TOWELS = "綿のタオルと竹のタオルだとどっちが乾きやすいですか？"
_BAGS = "黒いリュックと白いリュックだとどちらがおすすめですか？"


@pytest.mark.parametrize(
    ("ask", "text"),
    [
        (_PLANS, "The yearly plan is cheaper overall."),
        (_BIKES, "The carbon frame is lighter than steel by about a kilo."),
        (_TREES, "I'd recommend the fig tree."),
        (_TOWELS, "竹のほうが乾きやすく、肌ざわりもやわらかいです。"),
        (_TOWELS, "竹がおすすめです。"),
    ],
)
def test_a_thing_chosen_names_the_choice(ask: str, text: str) -> None:
    assert names_the_choice(ask, text)


@pytest.mark.parametrize(
    ("ask", "text"),
    [
        # -er before "than" that is no adjective's comparative
        (_PLANS, "The yearly plan has every feature other than phone support."),
        (_BIKES, "The steel frame is painted rather than powder coated."),
        (_PLANS, "The yearly plan renews whether or not you use it, and so does the monthly plan."),
        # a comparative in another clause qualifies something else
        (_TREES, "The fig tree and the bay tree grow here, and our prices are better than most."),
        (_PLANS, "The yearly plan is billed once; monthly billing is more flexible."),
        # the shared head noun alone names neither
        (_TOWELS, "タオルのほうが人気です。"),
        (_TOWELS, "綿のタオルも竹のタオルも人気です。"),
    ],
)
def test_no_choice_is_named(ask: str, text: str) -> None:
    assert not names_the_choice(ask, text)


def test_chooses_one_wants_exactly_one_thing() -> None:
    assert chooses_one(_TREES, "For a sunny patio I'd recommend the fig tree.")
    assert not chooses_one(_TREES, "I'd recommend the fig tree or the bay tree.")
    assert not chooses_one(_TREES, "For a sunny patio the fig tree is popular.")


@pytest.mark.parametrize(
    ("ask", "text"),
    [
        (_LAMPS, "Either is fine - both use the same bulb, so pick the colour she likes."),
        (_LAMPS, "Either one would work, since they have the same dimmer."),
        (_BAGS, "どちらも同じ素材ですので、お好きな色をお選びください。"),
        (_BAGS, "どちらでも容量は同じですから、お好みで大丈夫です。"),
    ],
)
def test_either_with_a_reason_will_do(ask: str, text: str) -> None:
    assert either_will_do(ask, text)


@pytest.mark.parametrize(
    ("ask", "text"),
    [
        (_LAMPS, "Either is fine."),  # no ground to choose on
        (_LAMPS, "Either lamp can be gift wrapped."),
        ("Is either lamp in stock?", "Either is fine - both use the same bulb."),  # no which-of
        (_BAGS, "どちらも人気です。"),
        (_BAGS, "どちらも在庫がございます。"),
    ],
)
def test_no_either_will_do(ask: str, text: str) -> None:
    assert not either_will_do(ask, text)


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (_TREES, "For a sunny patio I'd recommend the fig tree."),
        (_LAMPS, "Either is fine - both use the same bulb, so pick the colour she likes."),
        (_BAGS, "どちらも同じ素材ですので、お好きな色をお選びいただけます。"),
        (_TOWELS, "竹のほうが乾きやすく、肌ざわりもやわらかいです。"),
    ],
)
def test_the_judge_reads_the_choice_as_answered(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            _PLANS,
            "The yearly plan has every feature other than phone support, and so does"
            " the monthly plan.",
        ),
        (
            _TREES,
            "The fig tree and the bay tree grow in our nursery, and our prices are"
            " better than most.",
        ),
        (_LAMPS, "Either is fine."),
        (_TOWELS, "綿のタオルも竹のタオルもご家庭で洗えます。"),
    ],
)
def test_the_judge_reads_no_choice_as_no_answer(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) != ["answered"]
