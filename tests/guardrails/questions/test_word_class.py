"""Words used mostly as nouns or adjectives, from WordNet's tagged counts."""

import gzip
from pathlib import Path

from guardrails.questions.word_class import mostly_nominal, nominal_table


def test_mostly_nominal_words() -> None:
    assert mostly_nominal("summer")
    assert mostly_nominal("network")


def test_verbs_first_are_not_nominal() -> None:
    assert not mostly_nominal("cancel")
    assert not mostly_nominal("change")  # used about as often both ways
    assert not mostly_nominal("zzzz")  # unknown


def test_table_reads_counts(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("harbour\t12\t1\n")
    assert nominal_table(path) == {"harbour": (12, 1)}


def test_missing_table_is_empty(tmp_path: Path) -> None:
    assert nominal_table(tmp_path / "missing.tsv.gz") == {}
