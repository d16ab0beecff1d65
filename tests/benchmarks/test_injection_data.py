"""The injection corpora's dev part never holds a test text."""

from __future__ import annotations

from benchmarks import injection_data as data


def test_a_dev_copy_of_an_inhouse_test_text_is_left_out() -> None:
    samples = data.inhouse()
    tested = {" ".join(s.text.lower().split()) for s in samples if s.split == "test"}
    dev = [s for s in samples if s.split == "dev"]
    assert dev and tested
    assert not [s.text for s in dev if " ".join(s.text.lower().split()) in tested]


def test_the_practices_customers_are_dev_and_not_inhouse_test_texts() -> None:
    tested = {s.text for s in data.inhouse() if s.split == "test"}
    customers = data.practices_customers()
    assert customers and all(s.split == "dev" and s.text not in tested for s in customers)
