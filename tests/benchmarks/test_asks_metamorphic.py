"""The metamorphic rewrites keep what a message asks and never read a held-out batch."""

from __future__ import annotations

from typing import Any

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
    # batches 25 and 26 are dev data since stops 31 and 32; 23 and 27 stay held out ("dev27" is
    # dev data); 28 and 29 are held out from their start (stops 33 and 34)
    held_out = ("holdout23", "holdout27", "holdout28", "holdout29")
    assert not any(held in name for name in names for held in held_out)


def _one_message_chat(cid: str, body: str, asks: int) -> dict[str, Any]:
    return {
        "id": cid,
        "language": "en",
        "messages": [{"role": "customer", "body": body}],
        "asks": [{"text": "x"}] * asks,
    }


def test_two_matters_sent_as_two_sends_must_keep_both_asks() -> None:
    chats = [
        _one_message_chat("a", "The lid of my teapot arrived chipped.", 1),
        _one_message_chat("b", "Do you open on bank holidays?", 1),
    ]
    row = meta.two_matters_as_sends(chats)["en"]
    assert (row["pairs"], row["exact_before"], row["stay_exact"]) == (1, 1, 1)


def test_split_sends_is_also_read_on_the_chats_of_two_asks_only() -> None:
    of, keep = meta.CHAT_FILTERS["split_sends_two_asks"]
    assert of == "split_sends"
    assert keep(_one_message_chat("a", "x", 2))
    assert not keep(_one_message_chat("b", "x", 1))
