from __future__ import annotations

import pytest

from service.pipeline.normalise import html_to_text, normalise_body


@pytest.mark.parametrize(
    ("raw", "body"),
    [
        (
            "Can you refund me?\n\nOn Mon, Nov 20, 2026 at 9:00 Sam <s@example.com> wrote:\n> old",
            "Can you refund me?",
        ),
        ("Question?\n-----Original Message-----\nFrom: x\nold", "Question?"),
        ("Question?\n> quoted line\n> another\nAfter quote.", "Question?\nAfter quote."),
        (
            "Where is my parcel?\nFrom: Support <help@example.com>\nSent: Monday",
            "Where is my parcel?",
        ),
        (
            "請求書はどこですか。\n2026/11/20 10:00 サポート wrote:\n> 以前の返信",
            "請求書はどこですか。",
        ),
    ],
)
def test_quoted_history_is_stripped(raw: str, body: str) -> None:
    assert normalise_body(raw).body == body


@pytest.mark.parametrize(
    ("raw", "body", "signature"),
    [
        (
            "Can you help?\n\nThanks,\nMaria Lopez\n+1 555 0100",
            "Can you help?",
            "Thanks,\nMaria Lopez\n+1 555 0100",
        ),
        ("Hi\n--\nMaria", "Hi", "--\nMaria"),
        ("Hello\n\nSent from my iPhone", "Hello", "Sent from my iPhone"),
        (
            "配送について教えてください。\n\nよろしくお願いいたします。\n山田 太郎",
            "配送について教えてください。",
            "よろしくお願いいたします。\n山田 太郎",
        ),
    ],
)
def test_signature_is_split_off(raw: str, body: str, signature: str) -> None:
    cleaned = normalise_body(raw)
    assert (cleaned.body, cleaned.signature) == (body, signature)


def test_thanks_in_the_middle_is_not_a_signature() -> None:
    raw = "Thanks,\nI have two questions.\nWhat is the fee?\nWhen do you ship?\nA\nB\nC\nD\nE\nF"
    assert normalise_body(raw).body.startswith("Thanks,\nI have two questions.")


def test_html_becomes_text_without_quoted_blockquote() -> None:
    raw = (
        "<html><body><p>Hello&nbsp;team,</p><p>Is it&amp;ok?</p><blockquote>old</blockquote>"
        "<script>x()</script></body></html>"
    )
    text = html_to_text(raw)
    assert "Hello\xa0team," in text and "Is it&ok?" in text
    assert "old" not in text and "x()" not in text


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    assert html_to_text("a <b> c") == "a <b> c"


@pytest.mark.parametrize(
    "header",
    [
        "---------- Forwarded message ---------",
        "Begin forwarded message:",
        "---------- 転送メッセージ ----------",
    ],
)
def test_a_forwarded_message_is_cut_at_the_header_the_ask_extraction_reads(header: str) -> None:
    # one source: guardrails.mail_headers.FORWARD_HEADER
    msg = normalise_body(f"See below.\n\n{header}\nFrom: Sam\n\nThe boiler is cold.")
    assert msg.body == "See below."


def test_a_postscript_below_the_sign_off_stays_in_the_body() -> None:
    # the same POSTSCRIPT the ask extraction reads: the customer writes on below their name
    raw = "My order is late.\n\nThanks,\nRobin\nP.S. can you ship the rest to my office?"
    out = normalise_body(raw)
    assert out.body == "My order is late.\n\nP.S. can you ship the rest to my office?"
    assert out.signature == "Thanks,\nRobin"
    raw_ja = "請求書をください。\n\nよろしくお願いします。\n山田\n追伸：領収書も必要です。"
    out = normalise_body(raw_ja)
    assert out.body.endswith("追伸：領収書も必要です。")
    assert out.signature == "よろしくお願いします。\n山田"
    # a signature with no postscript is cut whole, as before
    assert normalise_body("Where is it?\n\nThanks,\nRobin").signature == "Thanks,\nRobin"


def test_a_full_width_postscript_stays_in_the_body() -> None:
    raw = (
        "注文した傘がまだ届きません。\n\nよろしくお願いします。\n佐藤\n"
        "Ｐ．Ｓ．領収書も入れてもらえますか"
    )
    out = normalise_body(raw)
    assert out.body.endswith("Ｐ．Ｓ．領収書も入れてもらえますか")
    assert out.signature == "よろしくお願いします。\n佐藤"


def test_initials_under_the_sign_off_are_the_signature_not_a_postscript() -> None:
    raw = "Has my refund gone through?\n\nThanks,\nP S Iyer\nAccounts Manager"
    out = normalise_body(raw)
    assert out.body == "Has my refund gone through?"
    assert out.signature == "Thanks,\nP S Iyer\nAccounts Manager"
    # negative: a postscript with a sentence after the marker still stays in the body
    out = normalise_body(
        "Has my refund gone through?\n\nThanks,\nIyer\nPS can you email the receipt?"
    )
    assert out.body.endswith("PS can you email the receipt?")
