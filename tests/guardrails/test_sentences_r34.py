"""Japanese line ends and run-ons (stop 34 review): それとも, けど left at a line's end, lines
opening with ん(です) or みたい."""

from __future__ import annotations

import time

import pytest

from guardrails.sentences import flatten, sentence_texts


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # それとも offers the other answer of the same question: no sentence end before it
        ("今日出せますかそれとも明日ですか", ["今日出せますかそれとも明日ですか"]),
        # negative: それと (and also) opens the next sentence
        ("今日出せますかそれと送料はいくらですか", ["今日出せますか", "それと送料はいくらですか"]),
    ],
)
def test_soretomo_ends_no_sentence(text: str, sentences: list[str]) -> None:
    assert sentence_texts(text) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a line left on けど/けれど(も) joins the next, the break read as 、
        (
            "日付を変えたいんですけど\n手数料はかかりますか",
            ["日付を変えたいんですけど、手数料はかかりますか"],
        ),
        (
            "色違いも欲しいのですけれども\n在庫はありますか。",
            ["色違いも欲しいのですけれども、在庫はありますか。"],
        ),
        # a comma already there is not doubled
        (
            "日付を変えたいんですけど\n、手数料はかかりますか",
            ["日付を変えたいんですけど、手数料はかかりますか"],
        ),
        # the explanatory ん(です) and みたい continue the line above
        ("画面が割れちゃった\nんです。", ["画面が割れちゃったんです。"]),
        ("電池が切れた\nみたいです。", ["電池が切れたみたいです。"]),
        # negatives: a casual sentence end still ends the line's sentence; a line opening
        # with another word starts its own
        ("画面が割れちゃった\n直せますか", ["画面が割れちゃった", "直せますか"]),
        ("届きました\nんー、色が違います。", ["届きました", "んー、色が違います。"]),
    ],
)
def test_japanese_line_ends_read_as_the_writer_meant(text: str, sentences: list[str]) -> None:
    assert sentence_texts(text) == sentences


def test_flatten_reads_a_kedo_line_break_as_a_clause_break() -> None:
    assert flatten("高いけど\n買います") == "高いけど、買います"
    assert flatten("高いけど\nbuy it") == "高いけど buy it"  # before Latin: a space, as before
    assert flatten("焼き菓子と\nケーキ") == "焼き菓子とケーキ"


@pytest.mark.parametrize(
    "text",
    ["ですけど\n" * 8_000, "ますかそれとも" * 7_000, "た\nんです" * 10_000, "けど" + " " * 50_000],
)
def test_the_line_end_rules_stay_linear_on_50_kb(text: str) -> None:
    # a generous bound: quadratic work on 50 KB takes minutes
    start = time.perf_counter()
    sentence_texts(text)
    flatten(text)
    assert time.perf_counter() - start < 30
