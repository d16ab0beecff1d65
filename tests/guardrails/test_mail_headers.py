"""The forward header patterns shared by the service's normaliser and the ask extraction."""

from __future__ import annotations

import pytest

from guardrails.mail_headers import FORWARD_HEADER, FORWARDED_FIELD


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
