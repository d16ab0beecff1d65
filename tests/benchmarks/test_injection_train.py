"""The injection classifier's training: group weights in the loss."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import injection_train as train
from guardrails.injection_model import InjectionModel


def _probability(texts: list[train.Labelled], weights: dict[str, float]) -> float:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(train, "EPOCHS", 40)
        patch.setattr(train, "GROUP_WEIGHTS", weights)
        w, b = train.fit(texts)
    model = InjectionModel(weights=w.astype(np.float32), bias=b, threshold=0.5)
    return model.score("the same words").probability


def test_a_heavier_group_pulls_the_shared_text_its_way() -> None:
    # One text, labelled an attack in one group and clean in another: equal weights leave it
    # undecided; weighting the clean group three times pushes it below 0.5.
    texts: list[train.Labelled] = [
        ("the same words", 1, "en-1-inhouse"),
        ("the same words", 0, "en-0-inhouse"),
    ]
    even = _probability(texts, {})
    heavier_clean = _probability(texts, {"en-0-inhouse": 3.0})
    assert abs(even - 0.5) < 0.05
    assert heavier_clean < even - 0.1
