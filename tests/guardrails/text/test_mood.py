"""The customer's mood, read once from the subject and the latest turn."""

from __future__ import annotations

from guardrails.text.mood import customer_upset, seems_upset


def test_problem_reports_read_as_upset() -> None:
    assert seems_upset("I was charged twice and nobody answers.", "en")
    assert seems_upset("商品が届きません。", "ja")
    assert not seems_upset("Thanks! How do I add a user?", "en")
    assert not seems_upset("請求書の発行方法を教えてください。", "ja")


def test_subject_counts_with_the_latest_turn() -> None:
    assert customer_upset("Double charge on order 48213", "Can you look into it?", "en")
    assert not customer_upset(None, "Can you look into it?", "en")
