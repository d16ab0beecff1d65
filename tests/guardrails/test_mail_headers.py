"""The forward header and postscript patterns the service's normaliser and the asks share."""

from __future__ import annotations

import time

import pytest

from guardrails.mail_headers import FORWARD_HEADER, FORWARDED_FIELD, is_postscript


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("---------- Forwarded message ---------", True),
        ("Begin forwarded message:", True),
        ("---------- 転送メッセージ ----------", True),
        # negatives: talk about forwarding is no header
        ("I forwarded the message to my bank.", False),
        ("Please forward this message to billing.", False),
    ],
)
def test_a_forward_header_is_told_from_talk_about_forwarding(line: str, opens: bool) -> None:
    assert bool(FORWARD_HEADER.match(line)) is opens


def test_forwarded_fields_are_header_lines_only() -> None:
    assert FORWARDED_FIELD.match("From: Sam <sam@example.org>")
    assert FORWARDED_FIELD.match("件名：ケトル")
    assert not FORWARDED_FIELD.match("From what I can see the kettle leaks.")


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("P.S. could you gift wrap it?", True),
        ("PS the tracking link is broken", True),
        ("P.P.S. Love the new app", True),
        ("P.S.", True),
        # typed with a Japanese keyboard: full-width letters and stops
        ("Ｐ．Ｓ．領収書もお願いします", True),
        ("ＰＳ　明細も送ってください", True),
        ("追伸：箱は不要です", True),
        # negatives: a sender's initials and name, a console, a word
        ("P S Kumar", False),
        ("P. S. Rao", False),
        ("PS5 owner since 2021", False),
        ("Pseudonym: Kit", False),
    ],
)
def test_a_postscript_is_told_from_initials_of_a_name(line: str, opens: bool) -> None:
    assert is_postscript(line) is opens


def test_is_postscript_is_linear_on_a_long_line() -> None:
    # a generous bound: quadratic work on 50 KB takes minutes
    start = time.perf_counter()
    is_postscript("P.S. " + "Ab " * 17_000)
    is_postscript("PS " + "A" * 50_000)
    assert time.perf_counter() - start < 10
