"""``guardrails.normalise``: folded text for detectors, spans mapped back to the original."""

from __future__ import annotations

import pytest

from guardrails.normalise import normalise


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("maria\u200b.lopez@example.com", "maria.lopez@example.com"),
        ("m\u00adaria@ex\u0430mple.com", "maria@example.com"),  # soft hyphen, Cyrillic a
        ("maria.lopez (at) example (dot) com", "maria.lopez@example.com"),
        ("maria.lopez[at]example[dot]com", "maria.lopez@example.com"),
        ("ana dot lopez at example dot com", "ana.lopez@example.com"),
        ("4111.1111.1111.1111", "4111 1111 1111 1111"),
        ("4111/1111/1111/1111", "4111 1111 1111 1111"),
        ("4111 1111\n1111 1111", "4111 1111 1111 1111"),
        ("call (415) 555-O132", "call (415) 555-0132"),
        ("\u0664\u0661\u0661\u0661", "4111"),  # Arabic-Indic digits
        ("０９０ー１２３４ー５６７８", "090-1234-5678"),
        ("ﾃｽﾄｶﾞ", "テストガ"),  # half-width kana with its voicing mark
    ],
)
def test_disguises_are_folded(text: str, folded: str) -> None:
    assert normalise(text).text == folded


@pytest.mark.parametrize(
    "text",
    [
        "I will look at example.com later.",
        "Meet me at home. See you at 5.",
        "Delivered on 2024/01/15 and 2024.02.01.",
        "Hello 1234567 and I 1234567",
        "山田さんの注文番号",
    ],
)
def test_plain_text_is_left_alone(text: str) -> None:
    assert normalise(text).text == text


def test_span_maps_to_the_whole_original_value() -> None:
    text = "Mail maria\u200b.lopez@example.com now"
    norm = normalise(text)
    start = norm.text.index("maria")
    end = start + len("maria.lopez@example.com")
    s, e = norm.span(start, end)
    assert text[s:e] == "maria\u200b.lopez@example.com"


def test_span_of_a_rewritten_email_covers_the_words() -> None:
    text = "Write to maria (at) example (dot) com."
    norm = normalise(text)
    start = norm.text.index("maria")
    s, e = norm.span(start, start + len("maria@example.com"))
    assert text[s:e] == "maria (at) example (dot) com"


def test_expanding_characters_map_to_their_source() -> None:
    text = "株式会社㈱ ﬁle"  # one character folds to three, one to two
    norm = normalise(text)
    assert norm.text == "株式会社(株) file"
    i = norm.text.index("(株)")
    assert norm.span(i, i + 3) == (4, 5)
    assert norm.span(i + 1, i + 2) == (4, 5)


def test_unchanged_text_has_identity_spans() -> None:
    norm = normalise("plain ascii")
    assert not norm.changed and norm.span(2, 5) == (2, 5)
