"""The offline drafter's English terms: the shared stems, less what names no topic."""

from __future__ import annotations

from service.backends.offline_text import article_sentences, bigram_terms, english_terms


def test_shared_stems_meet_across_inflections() -> None:
    assert english_terms("How do I cancel?") <= english_terms("Cancelling your subscription")
    assert "invoice" in english_terms("Where is my receipt?")  # the shared support synonyms


def test_adverbs_and_case_identifiers_are_no_topic() -> None:
    assert english_terms("How do I actually cancel?") == english_terms("How do I cancel?")
    assert english_terms("My code SPRING20 fails") == english_terms("My code fails")


def test_acronyms_are_terms_in_either_case() -> None:
    assert "2fa" in english_terms("How do I turn on 2FA?")
    assert "2fa" in english_terms("how do i turn on 2fa")
    assert "sso" in english_terms("Do you support SSO?")


def test_article_sentences_come_from_the_shared_splitter() -> None:
    body = (
        "# Invoices\n\nOpen Billing. Then click Download, e.g. the PDF.\n"
        "- 請求書を開きます。保存します。"
    )
    assert article_sentences(body) == [
        "Open Billing.",
        "Then click Download, e.g. the PDF.",
        "請求書を開きます。",
        "保存します。",
    ]


def test_bigrams_run_over_every_japanese_character() -> None:
    # Half-width katakana, the iteration mark and extension kanji belong to the run
    # (guardrails.language): ｶｰﾄﾞ, 人々 and 𠮷野 each give bigrams.
    assert {"ｶｰ", "人々", "𠮷野"} <= bigram_terms("ｶｰﾄﾞ 人々 𠮷野家")
