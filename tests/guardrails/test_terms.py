"""Support synonyms in the shared English terms: what a customer's word means in the KB's words."""

from __future__ import annotations

import pytest

from guardrails.terms import content_terms, en_terms


@pytest.mark.parametrize(
    ("customer", "kb"),
    [
        ("Can you send my parcel to Ireland?", "We ship to Ireland."),
        ("I'd like to send it back.", "Start a return from your orders page."),
        ("Can the street be corrected?", "You can change the address until dispatch."),
        ("The mug arrived cracked.", "If an item arrives damaged, send a photo."),
        ("Please close my subscription.", "Cancel your subscription in Settings."),
        ("I need proof of payment.", "Every payment comes with an invoice."),
    ],
)
def test_a_customer_word_meets_the_kb_word(customer: str, kb: str) -> None:
    shared = en_terms(customer) & en_terms(kb)
    assert shared - {"order", "subscript"}, (en_terms(customer), en_terms(kb))


def test_sending_something_back_is_not_a_delivery() -> None:
    assert "return" in en_terms("I'll send them back tomorrow.")
    assert "deliver" not in en_terms("I'll send them back tomorrow.")


def test_billed_is_charged_but_a_bill_is_no_price() -> None:
    # "will we be charged?" is answered by "seats are billed pro rata"
    assert en_terms("billed") == en_terms("charged") == {"price"}
    assert "price" not in en_terms("your bill") | en_terms("Settings > Billing")


def test_a_possessive_names_its_owner() -> None:
    assert en_terms("this month's invoice") == en_terms("the invoice this month")
    assert en_terms("the customer's order") == en_terms("the customer order")


def test_a_japanese_wh_word_is_no_content_term() -> None:
    # 「誰が負担しますか」 asks who; 誰 says nothing of the topic
    assert "誰" not in content_terms("送料は誰が負担しますか")
    assert "負担" in content_terms("送料は誰が負担しますか")
