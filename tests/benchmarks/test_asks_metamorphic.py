"""The metamorphic rewrites keep what a message asks and never read a held-out batch."""

from __future__ import annotations

from benchmarks import asks_metamorphic as meta


def test_hard_wrap_breaks_long_lines_and_keeps_every_word() -> None:
    body = "I'll check with our warehouse team whether the blue sofa comes in a three-seater size."
    wrapped = meta.hard_wrap(body, "en", "chat-1")
    assert "\n" in wrapped
    assert wrapped.split() == body.split()
    assert all(len(line) <= 72 for line in wrapped.split("\n"))


def test_a_japanese_wrap_never_starts_a_line_with_closing_punctuation() -> None:
    body = (
        "お世話になっております。先日注文した商品がまだ届いていません。いつ頃届くでしょうか？" * 2
    )
    wrapped = meta.hard_wrap(body, "ja", "chat-2")
    assert wrapped.replace("\n", "") == body
    assert all(line[:1] not in "。、？" for line in wrapped.split("\n"))


def test_a_quoted_line_stays_quoted_when_wrapped() -> None:
    body = "> " + "Your order of issues 12-15 has been dispatched. Can we help with anything else?"
    assert all(line.startswith(">") for line in meta.hard_wrap(body, "en", "x").split("\n"))


def test_rewrites_change_the_surface_only() -> None:
    assert meta.contract("I would like a refund, do not wait", "en", "") == (
        "I'd like a refund, don't wait"
    )
    assert meta.expand("I'd like a refund, don't wait", "en", "") == (
        "I would like a refund, do not wait"
    )
    assert meta.determiners("My card is lost and I want a new one", "en", "") == (
        "The card is lost and I want the new one"
    )
    assert meta.drop_question_marks("Is it ready? Thanks", "en", "") == "Is it ready. Thanks"
    # a casual Japanese question without its か keeps its ？ (dropping it would make a statement)
    assert meta.drop_question_marks("ある？可能ですか？", "ja", "") == "ある？可能ですか。"
    assert meta.casual_ja("お願いしています。", "ja", "") == "お願いしてます。"


def test_the_dev_chats_hold_no_held_out_batch() -> None:
    names = [path.name for path in (*meta.DEV_FILES, *meta.PROBE_FILES)]
    assert not any(held in name for name in names for held in ("23", "25", "26"))
