"""An ask for what the customer should do or bring, answered by an instruction doing it.

Every pair here is new text (not from a probe file or a chat batch).
"""

from __future__ import annotations

import pytest

from guardrails.questions.instructed import asks_what_to_do, instructs_asked_act


@pytest.mark.parametrize(
    ("ask", "sentence"),
    [
        ("What should I bring to the first yoga class?", "Bring a mat and a bottle of water."),
        ("What do we need to do before the farm visit?", "Please fill in the form online."),
        ("What should I do before the scan?", "Avoid coffee on the morning of the scan."),
        ("説明会には何を持っていけばいいですか？", "筆記用具と身分証をお持ちください。"),
        ("入会の手続きで何を用意したらいいですか", "通帳と印鑑をご用意ください。"),
    ],
)
def test_the_asked_act_as_an_instruction_answers(ask: str, sentence: str) -> None:
    assert asks_what_to_do(ask)
    assert instructs_asked_act(ask, sentence)


@pytest.mark.parametrize(
    ("ask", "sentence"),
    [
        # a description of the thing, no instruction
        ("What should I bring to the first yoga class?", "The first class lasts an hour."),
        # an instruction of another act
        ("What should I bring to the first yoga class?", "Park behind the hall."),
        # a way to reach us is no thing to bring
        ("What should I bring to the first yoga class?", "Please email us for details."),
        ("説明会には何を持っていけばいいですか？", "ご不明な点はお問い合わせください。"),
        ("説明会には何を持っていけばいいですか？", "開始の十分前にお越しください。"),
    ],
)
def test_no_instruction_of_the_asked_act_answers_nothing(ask: str, sentence: str) -> None:
    assert not instructs_asked_act(ask, sentence)


def test_what_to_do_in_a_turn_of_several_asks_needs_its_own_verb() -> None:
    ask = "What should I do before the scan?"
    assert not instructs_asked_act(ask, "Pay at reception by card.", any_act=False)


def test_other_asks_are_not_what_to_do() -> None:
    assert not asks_what_to_do("What time does the class start?")
    assert not asks_what_to_do("説明会は何時からですか？")


def test_things_to_carry_asked_by_the_noun_are_told_by_the_verb() -> None:
    ask = "キャンプ体験の持ち物は何が必要ですか？"
    assert asks_what_to_do(ask)
    assert instructs_asked_act(ask, "寝袋と懐中電灯をお持ちください。")
    assert not instructs_asked_act(ask, "受付でお名前をお伝えください。")


def test_a_noun_of_things_asked_for_a_time_is_no_what_to_do() -> None:
    assert not asks_what_to_do("買い物は何時までできますか？")
    assert not asks_what_to_do("忘れ物は何日保管されますか？")
