"""The asks benchmark keeps held-out batches it must not score again."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.asks import _with_previous_batches


def test_a_second_test_run_keeps_the_batches_of_the_first(tmp_path: Path) -> None:
    previous = tmp_path / "asks.json"
    first = {"en": {"count_exact": 0.5}}
    previous.write_text(json.dumps({"chats_in_house_holdout16": first}), encoding="utf-8")
    fresh = {
        "requests_en": {"banking77": {"count_exact": 0.9}},
        "chats_in_house_holdout16": {},
        "chats_in_house_holdout13": {},
    }
    kept = _with_previous_batches(fresh, previous)
    assert kept["chats_in_house_holdout16"] == first
    assert kept["chats_in_house_holdout13"] == {}  # absent before: stays unscored
    assert kept["requests_en"] == {"banking77": {"count_exact": 0.9}}  # the fresh part stays
    assert "not scored again" in kept["held_out_batches"]
