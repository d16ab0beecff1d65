"""Near-miss spellings of a name (edit distance, Japanese readings)."""

from __future__ import annotations

import pytest

from guardrails.pii.ownership import Ownership, is_spelling_variant, name_variant_of


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
