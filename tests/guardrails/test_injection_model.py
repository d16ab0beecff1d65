import time
from importlib import resources

import numpy as np

from guardrails.injection_fold import fold
from guardrails.injection_model import InjectionModel, _load_packaged, ngram_buckets, prepare


def test_fold_removes_format_characters_and_widths() -> None:
    assert fold("ＩＧ\u200bNORE\u00ad previous") == "ignore previous"


def test_buckets_are_stable_across_processes() -> None:
    # A fixed polynomial hash, not Python's salted hash(): the same bucket every run.
    first = ngram_buckets(prepare("ignore"))[0]
    assert first.tolist() == ngram_buckets("ignore")[0].tolist()
    assert first.dtype == np.int64 and len(first) == 6


def test_model_file_is_small_and_loads_fast() -> None:
    path = resources.files("guardrails.data").joinpath("injection_model.npz")
    assert path.is_file() and len(path.read_bytes()) < 50_000_000
    _load_packaged.cache_clear()
    start = time.perf_counter()
    model = InjectionModel.load()
    assert time.perf_counter() - start < 1.0
    assert 0.0 < model.threshold < 1.0


def test_empty_and_whitespace_texts_score_zero() -> None:
    model = InjectionModel.load()
    assert model.score("").probability == 0.0
    assert model.is_injection(" \n ") is None
