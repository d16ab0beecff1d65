"""Which dev texts the injection classifier is trained on."""

from __future__ import annotations

from benchmarks import injection_data as data
from benchmarks.injection_train import trained_on


def _sample(corpus: str, lang: str, split: data.Split = "dev") -> data.Sample:
    return data.Sample("text", corpus, lang, attack=False, split=split)


def test_the_review_probes_and_access_questions_stay_dev_checks() -> None:
    for corpus, lang in (
        ("inhouse:en_hard_negatives_dev_review21", "en"),
        ("inhouse:ja_hard_negatives_dev_review21", "ja"),
        ("inhouse:access_hard_negatives_dev_r23", "en"),
        ("inhouse:access_hard_negatives_dev_r23", "ja"),
    ):
        assert not trained_on(_sample(corpus, lang)), (corpus, lang)


def test_rule_only_and_test_texts_are_never_trained_on() -> None:
    # since stop 32 the Japanese dev sets of stops 21-31 are training data; the English ones and
    # stop 32's fresh sets stay checks
    assert not trained_on(_sample("inhouse:en_attacks_dev_r21", "en"))
    assert not trained_on(_sample("inhouse:ja_attacks_dev_r32", "ja"))
    assert not trained_on(_sample("inhouse:ja_hard_negatives_dev_r32", "ja"))
    # stop 33's fresh sets are checks too, in both languages
    for corpus in (
        "inhouse:en_attacks_dev_r33",
        "inhouse:en_hard_negatives_dev_r33",
        "inhouse:ja_attacks_dev_r33",
        "inhouse:ja_hard_negatives_dev_r33",
    ):
        assert not trained_on(_sample(corpus, corpus.split(":")[1][:2])), corpus
    assert trained_on(_sample("inhouse:ja_attacks_dev_r21", "ja"))
    assert not trained_on(_sample("inhouse:ja_clean", "ja", split="test"))
    assert trained_on(_sample("inhouse:ja_clean", "ja"))
    assert trained_on(_sample("inhouse:en_hard_negatives_dev_extra", "en"))
