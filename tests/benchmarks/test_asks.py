"""The asks benchmark keeps held-out batches it must not score again, and scores them once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from benchmarks.asks import (
    FIRST_RUNS,
    _score_chats,
    _with_previous_batches,
    first_run,
    fold_problems_as_context,
    label_counts,
    probe_chats,
)
from guardrails.questions import Question


def test_a_second_test_run_keeps_the_batches_of_the_first(tmp_path: Path) -> None:
    previous = tmp_path / "asks.json"
    first = {"en": {"count_exact": 0.5}}
    previous.write_text(json.dumps({"chats_in_house_holdout23": first}), encoding="utf-8")
    fresh = {
        "requests_en": {"banking77": {"count_exact": 0.9}},
        "chats_in_house_holdout23": {},
        "chats_in_house_holdout12": {},
    }
    kept = _with_previous_batches(fresh, previous)
    assert kept["chats_in_house_holdout23"] == first
    assert kept["chats_in_house_holdout12"] == {}  # absent before: stays unscored
    assert kept["requests_en"] == {"banking77": {"count_exact": 0.9}}  # the fresh part stays
    assert "not scored again" in kept["held_out_batches"]


def test_batches_that_became_dev_are_not_carried_into_a_test_run(tmp_path: Path) -> None:
    previous = tmp_path / "asks.json"
    previous.write_text(
        json.dumps({"chats_in_house_holdout16": {"en": {"count_exact": 0.5}}}), encoding="utf-8"
    )
    kept = _with_previous_batches({"chats_in_house_holdout16": {}}, previous)
    assert kept["chats_in_house_holdout16"] == {}


@pytest.mark.parametrize(
    ("batch", "dev"),
    [(22, True), (23, False), (24, True), (25, True), (26, True), (27, False), (29, False)],
)
def test_batches_made_dev_in_stops_30_to_32_are_not_carried_but_the_held_out_ones_are(
    tmp_path: Path, batch: int, dev: bool
) -> None:
    key = f"chats_in_house_holdout{batch}"
    previous = tmp_path / "asks.json"
    previous.write_text(json.dumps({key: {"en": {"count_exact": 0.5}}}), encoding="utf-8")
    kept = _with_previous_batches({key: {}}, previous)
    assert (kept[key] == {}) is dev


def test_each_probe_is_two_chats_with_the_statuses_of_its_reply(tmp_path: Path) -> None:
    path = tmp_path / "probes.yaml"
    path.write_text(
        "probes:\n"
        "  - id: p1\n"
        "    language: en\n"
        "    customer: 'Can I freeze my plan? And how?'\n"
        "    asks: [{text: 'Can I freeze my plan?', kind: question},\n"
        "           {text: 'And how?', kind: question}]\n"
        "    ok: {reply: 'Yes, under Plan > Freeze.', status: [answered, answered]}\n"
        "    skirt: {reply: 'Plans renew monthly.', status: [missing, missing]}\n",
        encoding="utf-8",
    )
    ok, skirt = probe_chats(path)
    assert ok["id"] == "p1-ok" and skirt["id"] == "p1-skirt"
    assert [a["status"] for a in ok["asks"]] == ["answered", "answered"]
    assert [a["status"] for a in skirt["asks"]] == ["missing", "missing"]
    assert skirt["messages"] == [{"role": "customer", "body": "Can I freeze my plan? And how?"}]
    assert skirt["reply"] == "Plans renew monthly."


def test_label_counts_give_the_denominators_of_the_rates(tmp_path: Path) -> None:
    batch = tmp_path / "batch.yaml"
    chats = [
        {
            "id": "en-1",
            "language": "en",
            "messages": [{"role": "customer", "body": "Where is it? And when?"}],
            "asks": [
                {"text": "Where is it?", "kind": "question", "status": "answered"},
                {"text": "And when?", "kind": "question", "status": "missing"},
            ],
            "reply": "It is at the depot.",
        },
        {
            "id": "ja-1",
            "language": "ja",
            "messages": [{"role": "customer", "body": "いつ届きますか。"}],
            "asks": [{"text": "いつ届きますか。", "kind": "question", "status": "pending"}],
            "reply": "確認してご連絡します。",
        },
    ]
    batch.write_text(yaml.safe_dump({"chats": chats}, allow_unicode=True), encoding="utf-8")
    counts = label_counts(batch)
    assert counts["en"] == {
        "chats": 1,
        "chats_all_answered": 0,
        "asks": 2,
        "correct_asks": 1,
        "missing": 1,
    }
    # A deferred ask is not a missing one: it stays in the false-unanswered denominator.
    assert counts["ja"]["correct_asks"] == 1
    assert counts["ja"]["chats_all_answered"] == 0


def test_a_frozen_first_run_is_never_written_again(tmp_path: Path) -> None:
    out = tmp_path / "first_run.json"
    out.write_text('{"frozen": true}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="frozen"):
        first_run(tmp_path / "no_such_batch.yaml", out, "code")
    assert json.loads(out.read_text(encoding="utf-8")) == {"frozen": True}


@pytest.mark.parametrize("number", sorted(FIRST_RUNS))
def test_each_clean_batch_is_labelled_and_its_first_run_holds_aggregates_only(
    number: int,
) -> None:
    batch, out, _ = FIRST_RUNS[number]
    raw = yaml.safe_load(batch.read_text(encoding="utf-8"))
    ids = [chat["id"] for chat in raw["chats"]]
    assert len(ids) == len(set(ids))
    for chat in raw["chats"]:
        for ask in chat["asks"]:
            assert ask["kind"] in {"question", "request", "problem"}
            assert ask["status"] in {"answered", "missing", "pending"}
    if number == max(FIRST_RUNS) and not out.exists():
        # The newest batch is written by one helper and first run by the lead, later: until
        # then only its labels can be checked.
        pytest.skip("the newest clean batch has no first run yet")
    frozen = json.loads(out.read_text(encoding="utf-8"))
    assert "mismatches" not in frozen
    if "labels" in frozen:  # recorded since batch 20: the batch is what was scored then
        assert frozen["labels"] == label_counts(batch)
    for lang in ("en", "ja"):
        assert all(not isinstance(v, list) for v in frozen.get(lang, {}).values())


def test_a_left_out_ask_judged_answered_is_counted_apart_from_one_caught() -> None:
    """A reply labelled as leaving an ask out but judged answered passes unseen: counted."""
    chat = {
        "id": "probe-judged-answered",
        "language": "en",
        "messages": [{"role": "customer", "body": "Can I pay by PayPal?"}],
        "reply": "Yes, you can pay by PayPal at checkout.",
        "asks": [{"text": "Can I pay by PayPal?", "kind": "question", "status": "missing"}],
    }
    scored = _score_chats([chat], "all")["en"]
    assert scored["counts"]["expected_missing"] == 1
    assert scored["counts"]["caught_missing"] == 0
    assert scored["counts"]["skirts_judged_answered"] == 1
    assert scored["missed_asks_judged_answered"] == 1.0


def _ask(text: str, kind: str) -> dict[str, str]:
    return {"text": text, "kind": kind, "status": "answered"}


def test_a_problem_the_extractor_holds_as_the_context_of_the_ask_beside_it_folds() -> None:
    expected = [
        _ask("My lamp arrived  broken.", "problem"),
        _ask("Can you send a new one?", "request"),
    ]
    got = [Question("q1", "Can you send a new one?", "request", context="My lamp arrived broken.")]
    turns = ["Hi. My lamp arrived broken. Can you send a new one?"]
    folded = fold_problems_as_context(expected, got, {1: 0}, turns)
    assert folded.kept == [1]  # one ask, the request; the problem is its context
    assert folded.aligned == {1: 0}


def test_one_extracted_ask_holding_both_texts_takes_the_problem_in_though_unaligned() -> None:
    expected = [_ask("ずっとエラーになる。", "problem"), _ask("直してもらえますか。", "request")]
    got = [Question("q1", "ずっとエラーになる。直してもらえますか。", "request")]
    folded = fold_problems_as_context(
        expected, got, {}, ["ずっとエラーになる。直してもらえますか。"]
    )
    assert folded.kept == [1]
    assert folded.aligned == {1: 0}


def test_a_problem_the_extractor_split_from_the_ask_stays_an_ask_of_its_own() -> None:
    expected = [
        _ask("My lamp arrived broken.", "problem"),
        _ask("Can you send a new one?", "request"),
    ]
    got = [
        Question("q1", "My lamp arrived broken.", "problem"),
        Question("q2", "Can you send a new one?", "request"),
    ]
    folded = fold_problems_as_context(
        expected, got, {0: 0, 1: 1}, ["My lamp arrived broken. Can you send a new one?"]
    )
    assert folded.kept == [0, 1]
    assert folded.aligned == {0: 0, 1: 1}


def test_a_problem_not_beside_the_ask_holding_it_is_not_folded() -> None:
    # Another ask between them: the problem's neighbour is the hours question, not the refund.
    expected = [
        _ask("The kettle leaks.", "problem"),
        _ask("When do you open?", "question"),
        _ask("Can I get a refund?", "request"),
    ]
    got = [
        Question("q1", "When do you open?", "question"),
        Question("q2", "Can I get a refund?", "request", context="The kettle leaks."),
    ]
    turns = ["The kettle leaks. When do you open? Can I get a refund?"]
    folded = fold_problems_as_context(expected, got, {1: 0, 2: 1}, turns)
    assert folded.kept == [0, 1, 2]
    assert 0 not in folded.aligned


def test_a_problem_of_an_earlier_customer_turn_is_not_folded_into_the_latest() -> None:
    expected = [_ask("The kettle leaks.", "problem"), _ask("Can I get a refund?", "request")]
    got = [Question("q1", "Can I get a refund?", "request", context="The kettle leaks.")]
    turns = ["The kettle leaks.", "Can I get a refund?"]
    folded = fold_problems_as_context(expected, got, {1: 0}, turns)
    assert folded.kept == [0, 1]


def test_the_folded_figures_sit_beside_the_strict_ones_which_stay_unchanged() -> None:
    chat = {
        "id": "fold-1",
        "language": "en",
        "messages": [
            {"role": "customer", "body": "My lamp arrived broken.\nCan you send a new one?"}
        ],
        "reply": "I'm sorry about that. Yes, we will send a new lamp today.",
        "asks": [
            _ask("My lamp arrived broken.", "problem"),
            _ask("Can you send a new one?", "request"),
        ],
    }
    scored = _score_chats([chat], "all")["en"]
    assert scored["count_exact"] == 0.0  # strict: two asks labelled, one extracted
    assert scored["recall"] == 0.5
    assert scored["count_exact_problem_as_context"] == 1.0
    assert scored["recall_problem_as_context"] == 1.0
    assert scored["problems_folded"] == 1
