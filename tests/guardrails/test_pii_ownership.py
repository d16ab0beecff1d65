"""Whose a name is: near-miss spellings (edit distance, Japanese readings), customer vs staff."""

from __future__ import annotations

import pytest

from guardrails.context import GuardrailContext, Person
from guardrails.pii.ownership import (
    Ownership,
    is_spelling_variant,
    name_variant_of,
    names_given,
)
from tests.guardrails.colleague_thread import colleague_thread


@pytest.mark.parametrize(
    ("candidate", "name"),
    [
        ("Joyxe", "Joyce"),
        ("Jocye", "Joyce"),  # a transposition
        ("Millar", "Miller"),
        ("斉藤", "斎藤"),  # same reading, other kanji
        ("渡部", "渡辺"),
        ("ジョイズ", "ジョイス"),
        ("斎藤花予", "斎藤花子"),
    ],
)
def test_spelling_variants(candidate: str, name: str) -> None:
    assert is_spelling_variant(candidate, name)


@pytest.mark.parametrize(
    ("candidate", "name"),
    [
        ("Joyce", "Joyce"),  # the same name
        ("Jen", "Jennifer"),  # a short form, not a typo
        ("Tim", "Tom"),  # too short to tell
        ("Dana", "Joyce"),
        ("佐藤", "斎藤"),  # another family name
        ("斉木", "斎藤"),
    ],
)
def test_not_variants(candidate: str, name: str) -> None:
    assert not is_spelling_variant(candidate, name)


def test_full_names_word_by_word() -> None:
    assert name_variant_of("Joyce Millar", ["Joyce Miller"])
    assert name_variant_of("斎藤 華子", ["斎藤 花子"])
    assert not name_variant_of("Joyce Miller", ["Joyce Miller"])
    assert not name_variant_of("Joyce Carter", ["Joyce Miller"])


def test_ownership_knows_the_customers_name_variants() -> None:
    own = Ownership.build(customer_names=["Joyce Miller"], allowed_names=["Sam"])
    assert own.is_customer_name_variant("Joyxe")
    assert not own.is_customer_name_variant("Sam")


def test_names_given_sorts_customer_and_staff_once_each() -> None:
    customer, staff = names_given(
        None,
        "Sam Reyes",
        [
            ("customer", "Ola Berg"),
            ("agent", "Kim Tran"),
            ("customer", "Ola Berg"),
            ("agent", None),
        ],
    )
    assert customer == ("Ola Berg",)
    assert staff == ("Sam Reyes", "Kim Tran")


def _context(brand: str | None) -> GuardrailContext:
    return colleague_thread("Ola Berg", "Kim Tran", agent=Person(name="Sam Reyes"), brand=brand)


def test_a_colleague_who_replied_earlier_is_staff_not_a_stranger() -> None:
    own = Ownership.from_context(_context("Northwind"))
    assert own.is_customers("Ola Berg")
    assert own.is_allowed("Kim Tran") and own.is_allowed("Sam Reyes")
    assert not own.is_customers("Kim Tran")


def test_the_brand_is_allowed_but_not_sought_as_a_persons_name() -> None:
    with_brand = Ownership.from_context(_context("Northwind"))
    assert with_brand.is_allowed("Northwind")
    # Same names to find (and so the same analyses) with or without a brand.
    assert with_brand.names == Ownership.from_context(_context(None)).names
    assert with_brand.names == ("Ola Berg", "Sam Reyes", "Kim Tran")


@pytest.mark.parametrize(
    ("customer", "colleague", "shared"),
    [("佐藤 花子", "佐藤 健", "佐藤"), ("Kim Lee", "Kim Tran", "Kim")],
)
def test_a_word_of_the_customers_name_is_never_allowed(
    customer: str, colleague: str, shared: str
) -> None:
    """A colleague (or the agent) sharing a surname does not let the customer's through."""
    own = Ownership.build(customer_names=[customer], allowed_names=[colleague])
    assert own.is_customers(shared) and not own.is_allowed(shared)
    assert own.is_allowed(colleague)


def test_each_word_of_the_brand_is_allowed() -> None:
    own = Ownership.from_context(_context("Harper Travel"))
    assert own.is_allowed("Harper") and own.is_allowed("Harper Travel")
