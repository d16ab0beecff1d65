"""The offline drafter's English terms: the shared stems, less what names no topic."""

from __future__ import annotations

from service.backends.offline_text import english_terms, split_sentences


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


def test_sentences_come_from_the_shared_splitter() -> None:
    assert split_sentences("Open Billing. Then click Download, e.g. the PDF.", "en") == [
        "Open Billing.",
        "Then click Download, e.g. the PDF.",
    ]
