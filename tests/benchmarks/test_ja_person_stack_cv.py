"""Second-pass features of the stacked person tagger (``benchmarks/ja_person_stack_cv.py``)."""

from __future__ import annotations

import numpy as np

from benchmarks.ja_person_stack_cv import stacked_features
from guardrails.pii.recognizers_ja import Token

NOUN = ("名詞", "固有名詞", "人名", "一般")
MARK = ("補助記号", "読点", "*", "*")
LABELS = ("O", "ORG", "P")


def _tokens(*surfaces: str) -> list[Token]:
    out, pos = [], 0
    for surface in surfaces:
        out.append(Token(pos, pos + len(surface), surface, MARK if surface == "、" else NOUN))
        pos += len(surface)
    return out


def _marginals(*person: float) -> np.ndarray:
    """Rows of (O, ORG, P) with the given person probabilities, the rest on O."""
    return np.array([[1.0 - p, 0.0, p] for p in person])


# Own example: a list of three surnames, the first one the first pass is sure of.
LIST = _tokens("北山", "、", "南川", "、", "東野")


def test_a_list_member_reads_how_sure_the_first_pass_was_of_its_neighbour_member() -> None:
    feats = stacked_features(LIST, _marginals(0.95, 0.0, 0.2, 0.0, 0.05), LABELS)
    assert "s_list_prev=、/5/kanji" in feats[2]
    assert "s_list_next=、/0/kanji" in feats[2]
    assert not any(f.startswith("s_list_prev") for f in feats[0])


def test_the_same_word_elsewhere_gives_its_highest_other_probability() -> None:
    tokens = _tokens("北山", "と", "北山", "と", "北山")
    feats = stacked_features(tokens, _marginals(0.95, 0.0, 0.4, 0.0, 0.2), LABELS)
    assert "s_echo=2" in feats[0]  # the best other use is 0.4
    assert "s_echo=5" in feats[2] and "s_echo=5" in feats[4]
    assert not any(f.startswith("s_echo") for f in feats[1])  # one character: by chance


def test_a_proposed_name_reads_the_words_around_the_whole_run() -> None:
    tokens = _tokens("会長", "北山", "太郎", "氏")
    feats = stacked_features(tokens, _marginals(0.0, 0.9, 0.8, 0.1), LABELS)
    assert {"s_run=2/first", "s_run_prev=会長", "s_run_next=氏"} <= set(feats[1])
    assert "s_run=2/last" in feats[2]
    assert not any(f.startswith("s_run") for f in feats[3])
    assert "s_top=P" in feats[1] and "s_top=O" in feats[3]
