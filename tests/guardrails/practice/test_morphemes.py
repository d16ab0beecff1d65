"""Morphemes of Japanese text of any length, with offsets into the whole text."""

from guardrails.practice.morphemes import morphemes


def test_morphemes_of_a_text_over_sudachis_limit_carry_offsets_into_the_whole_text() -> None:
    text = "確認をお願いします。" * 6_000  # ~180,000 bytes: Sudachi takes 49,149 at most
    found = morphemes(text)
    last = found[-1]
    assert text[last.start : last.end] == last.surface == "。"
    assert last.end == len(text)
