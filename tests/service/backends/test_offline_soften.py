"""Softening the refusals the offline drafter copies from KB articles."""

from __future__ import annotations

from service.backends.offline_soften import plain_negative_ja, soften


def test_a_japanese_kb_refusal_becomes_itashikanemasu() -> None:
    assert soften("ご契約中のプランの途中変更はできません。", "ja") == (
        "ご契約中のプランの途中変更はいたしかねます。"
    )
    assert (
        soften("ポイントは現金に交換できません。", "ja") == "ポイントは現金に交換いたしかねます。"
    )
    # A kanji from an extension block or a compatibility ideograph is a kanji too.
    assert soften("﨑店で受取できません。", "ja") == "﨑店で受取いたしかねます。"


def test_what_the_customer_cannot_do_and_questions_are_left_alone() -> None:
    assert soften("このままではログインできません。", "ja") == "このままではログインできません。"
    assert soften("変更はできませんか。", "ja") == "変更はできませんか。"
    assert soften("変更できます。", "ja") == "変更できます。"


def test_an_english_kb_refusal_is_softened() -> None:
    assert soften("We cannot refund digital downloads.", "en") == (
        "I'm afraid we're unable to refund digital downloads."
    )
    assert soften("Refunds after 30 days are not possible.", "en") == (
        "It looks like refunds after 30 days aren't possible."
    )
    assert soften("Exchanges are free within 30 days.", "en") == (
        "Exchanges are free within 30 days."
    )


def test_the_customers_quoted_cannot_is_restated_in_plain_form() -> None:
    assert plain_negative_ja("ログインできません") == "ログインできない"
    assert plain_negative_ja("届きません") == "届きません"
