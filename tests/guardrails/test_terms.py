"""Support synonyms in the shared English terms: what a customer's word means in the KB's words."""

from __future__ import annotations

import pytest

from guardrails.terms import content_terms, en_terms, is_light_verb, without_light_verbs


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


@pytest.mark.parametrize(
    ("form", "base"),
    [
        ("charities", "charity"),
        ("applies", "apply"),
        ("applied", "apply"),
        ("replies", "reply"),
        ("cookies", "cookie"),
        ("bookings", "booking"),
    ],
)
def test_every_form_of_a_word_has_its_stem(form: str, base: str) -> None:
    # the lemma first: a hand suffix rule gave "charit" for charities but "charity" for charity
    assert en_terms(form) == en_terms(base)


def test_ly_is_undone_on_an_adverb_only() -> None:
    assert en_terms("monthly") == en_terms("month")
    assert en_terms("quickly") == en_terms("quick")
    # a verb or a noun ending in -ly keeps it: "apply" is no "app", "family" no "fami"
    assert en_terms("apply") != en_terms("app")
    assert en_terms("family") == {"family"}
    assert en_terms("supply") == {"supply"}


def test_a_word_that_is_a_lemma_itself_stays() -> None:
    # "left" is an adjective and a noun too, not only the past of "leave"
    assert en_terms("left") != en_terms("leave")


def test_light_verbs_are_read_in_every_form() -> None:
    assert all(is_light_verb(w) for w in ("has", "made", "gets", "did", "making"))
    assert not any(is_light_verb(w) for w in ("apple", "book", "makeup", "refund"))


def test_verbs_that_carry_the_ask_are_not_light() -> None:
    # "apply for a loan", "keep my number", "take the exam", "give a refund", "put it on hold"
    assert not any(is_light_verb(w) for w in ("apply", "applies", "keep", "kept", "take"))
    assert not any(is_light_verb(w) for w in ("give", "gave", "put"))
    assert without_light_verbs(en_terms("can I keep my number")) == en_terms("keep number")


def test_light_verbs_leave_the_terms_only_beside_other_content() -> None:
    assert without_light_verbs(en_terms("do I need to make a booking")) == en_terms("need booking")
    # a light verb alone names the ask: it stays
    assert without_light_verbs(en_terms("can I make it")) == en_terms("make")
    # an answer type is no content word
    assert without_light_verbs({"make", "@time"}) == {"make", "@time"}


def test_sending_back_is_a_return_in_japanese_too() -> None:
    assert "return" in content_terms("商品をご返送ください") & content_terms("返品を受け付けます")
    assert "return" not in content_terms("商品を発送しました")


@pytest.mark.parametrize(
    ("form", "concept_word"),
    [("sent", "send"), ("paid", "pay")],
)
def test_an_irregular_form_takes_no_concept(form: str, concept_word: str) -> None:
    # "I sent the form" is not about delivery, "I paid" asks no price, though "send" and
    # "pay" fold to those concepts
    assert en_terms(form) != en_terms(concept_word)
    assert en_terms(form) & {"deliver", "price"} == set()


def test_concepts_of_regular_forms_and_of_their_own_spelling_stay() -> None:
    assert en_terms("shipped") == en_terms("delivery") == {"deliver"}
    assert en_terms("charges") == en_terms("fee") == {"price"}
    assert en_terms("froze") == en_terms("pause") == {"halt"}


@pytest.mark.parametrize(
    "forms",
    [
        ("lives", "lived", "living", "live"),
        ("moves", "moved", "moving", "move"),
        ("times", "timed", "timing", "time"),
        ("types", "typed", "typing", "type"),
    ],
)
def test_every_verb_form_stems_alike(forms: tuple[str, ...]) -> None:
    # "lives" is the verb's, not the plural of "life"; a gerund is its verb's too
    assert len({frozenset(en_terms(f)) for f in forms}) == 1


def test_sent_back_is_a_return() -> None:
    assert "return" in en_terms("I sent the parcel back last week")
