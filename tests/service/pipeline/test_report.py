"""The reply's subject: one rule for every draft (``service.pipeline.report.reply_subject``)."""

from __future__ import annotations

from service.pipeline.report import reply_subject


def test_no_thread_subject_gives_no_reply_subject() -> None:
    assert reply_subject(None, ["order #48213"]) is None
    assert reply_subject("", []) is None


def test_prefixes_do_not_stack() -> None:
    assert reply_subject("RE: Fwd: re: Refund for order #48213") == "Re: Refund for order #48213"
    assert reply_subject("Re：返金について", [], "ja") == "Re: 返金について"


def test_the_order_number_the_thread_names_joins_the_subject() -> None:
    bodies = ["注文番号 48213 で二重に請求されました。"]
    assert (
        reply_subject("二重請求について", bodies, "ja")
        == "Re: 二重請求について（ご注文番号 48213）"
    )
    assert (
        reply_subject("Double charge", ["I was charged twice for order 48213."])
        == "Re: Double charge (order #48213)"
    )


def test_a_number_already_in_the_subject_is_not_repeated() -> None:
    assert (
        reply_subject("Double charge on order 48213", ["Order 48213 was charged twice."])
        == "Re: Double charge on order 48213"
    )


def test_a_vague_subject_is_replaced_by_the_threads_matter() -> None:
    bodies = ["Hello,", "My CSV export stops at 1,000 rows on order 48213."]
    assert (
        reply_subject("Re: Question", bodies)
        == "Re: Your CSV export stops at 1,000 rows on order 48213"
    )
    assert reply_subject("お問い合わせ", ["請求書の宛名を変更できますか。"], "ja") == (
        "Re: 請求書の宛名の変更について"
    )
    assert reply_subject("Question", []) == "Re: Question"  # nothing names the matter
