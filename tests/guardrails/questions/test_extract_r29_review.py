"""Ask counting, round 29 review: folds need a shared thing, exclamations, sign-offs, speed."""

from __future__ import annotations

import time
from typing import Any

import pytest

from guardrails.questions import asks_ja
from guardrails.questions.asks_ja import ask_kind_ja
from guardrails.questions.extract import asks_in


def _count(body: str) -> int:
    return len(asks_in(body))


def test_a_japanese_run_on_story_reads_its_tail_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"tail": 0, "closing": 0}
    real_tail, real_closing = asks_ja._content_tail, asks_ja._is_closing

    def tail(morphemes: list[Any]) -> list[Any]:
        calls["tail"] += 1
        return real_tail(morphemes)

    def closing(before: list[Any]) -> bool:
        calls["closing"] += 1
        return real_closing(before)

    monkeypatch.setattr(asks_ja, "_content_tail", tail)
    monkeypatch.setattr(asks_ja, "_is_closing", closing)
    sentence = "姉が前にお願いしていて、兄もお願いしていて、" * 40 + "喜んでいました。"
    assert ask_kind_ja(sentence) is None
    # once per sentence, not once per お願い (a 100 KB run-on took ~40 s); a fourth, once per
    # sentence too, reads an ask after which a reason was added (stop 34)
    assert calls["tail"] <= 4
    assert calls["closing"] == 0


def test_a_long_japanese_run_on_story_is_quick() -> None:
    body = "姉が前にお願いしていて、兄もお願いしていて、" * 1500 + "喜んでいました。"
    start = time.perf_counter()
    assert asks_in(body) == []
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # an exclamation with the modal before "you" asks nobody to act
        ("We loved the hotel and can you believe the kids slept till nine!", 0),
        ("The wedding was perfect and would you look at these flowers, stunning.", 0),
        ("It rained all week and would you believe it, we still had fun!", 0),
        # a request of the same shape stays one
        ("I'm at work until five can you leave the box in the porch", 1),
        ("The door code changed could you tell the courier", 1),
    ],
)
def test_an_exclamation_with_can_you_is_no_request(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("Have a lovely weekend, and thanks again!", 0),
        ("Have a great Easter", 0),
        ("Thanks for sorting it. Have a good evening.", 0),
        # "have a" with the object of an act is an imperative
        ("Have a look at the invoice this week please.", 1),
        ("Have an electrician out one morning next week.", 1),
        ("Have a look this week please.", 1),
        ("Have a joiner round one day next week.", 1),
    ],
)
def test_a_wish_for_the_readers_time_closes_only_when_it_names_no_act(
    body: str, count: int
) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # the other side of the question: the same thing, or a pointer back
        ("Can I pay on arrival? Or do I have to pay online?", 1),
        ("Can I pick it up tomorrow? Or could you post it instead?", 1),
        ("当日券はありますか？それとも予約が必要ですか？", 1),
        # "or" opening another matter: two asks
        ("Is the cottage dog friendly? Or are there spaces for two cars?", 2),
        ("Do you deliver to Galway? Or, separately, can I change my password?", 2),
        ("席は予約できますか？それとも、駐車場は何台停められますか？", 2),
    ],
)
def test_an_or_question_folds_only_into_a_question_on_the_same_thing(body: str, count: int) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("Any update? When will my parcel arrive?", 1),
        ("Any news? My refund still hasn't come.", 1),
        ("Any news? I also need to update my phone number.", 2),
        ("Any update? Separately, how do I close my old account?", 2),
    ],
)
def test_a_status_probe_is_dropped_only_before_an_ask_on_the_same_matter(
    body: str, count: int
) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("My manager said we need receipts by Monday. Can you also update our address?", 2),
        ("The garage said I need new tyres. How much are the tyres?", 1),
        ("Our landlord said we need a safety certificate. Can you issue one for us?", 1),
    ],
)
def test_a_need_in_someone_elses_words_folds_only_into_an_ask_about_it(
    body: str, count: int
) -> None:
    assert _count(body) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("You list three tariffs, which would suit a couple with one car", 1),
        ("I can come Monday or Friday, which works better for you", 1),
        ("We bought the oak table, which was reduced.", 0),
        ("I sold the old bike, which would have needed new tyres anyway.", 0),
    ],
)
def test_which_after_a_comma_asks_by_its_clause(body: str, count: int) -> None:
    assert _count(body) == count
