"""Negatives shared by the drafter and the checks: our refusal, and the negative that asks."""

from __future__ import annotations

import re

from guardrails.text.negation import EN_CANNOT, EN_DO_NOT, asks_after_negative, unable_to


def test_cannot_and_its_paraphrases() -> None:
    cannot = re.compile(rf"\bwe\s+{EN_CANNOT}\s+refund\b")
    for said in ("we cannot refund", "we can't refund", "we are not able to refund"):
        assert cannot.search(said), said
    assert not cannot.search("we can refund")


def test_a_prohibition_opens_with_never_or_do_not() -> None:
    do_not = re.compile(rf"^{EN_DO_NOT}\s+share\b", re.IGNORECASE)
    for said in ("never share", "Do not share", "don't share", "Don’t share", "do  not share"):
        assert do_not.search(said), said
    assert not do_not.search("do share")


def test_the_soft_refusal_keeps_its_subject() -> None:
    assert unable_to("We") == "I'm afraid we're unable to "
    assert unable_to("I") == "I'm afraid I'm unable to "


def test_a_japanese_negative_before_ka_or_deshou_asks() -> None:
    assert asks_after_negative("か。")
    assert asks_after_negative("でしょうか")
    assert not asks_after_negative("。")
    assert not asks_after_negative("")
