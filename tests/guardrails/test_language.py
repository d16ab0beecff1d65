"""The Japanese character classes every check shares, and script-based language detection."""

from __future__ import annotations

import re

import pytest

from guardrails.language import JAPANESE, KANJI, detect_language


@pytest.mark.parametrize(
    "char",
    [
        "あ",
        "ア",
        "ー",  # prolonged sound mark
        "ｱ",  # half-width katakana
        "々",  # iteration mark
        "一",
        "㐂",  # CJK extension A
        "𠮷",  # CJK extension B (𠮷野家)
        "﨑",  # compatibility ideograph NFKC keeps (山﨑)
    ],
)
def test_japanese_characters(char: str) -> None:
    assert JAPANESE.fullmatch(char)


@pytest.mark.parametrize("char", ["a", "1", "。", "、", "！", "Ａ", "é"])
def test_not_japanese_characters(char: str) -> None:
    assert not JAPANESE.fullmatch(char)


def test_kanji_runs_keep_the_iteration_mark_and_extension_kanji() -> None:
    run = re.compile(f"[{KANJI}]+")
    assert run.findall("人々と𠮷野さん、山﨑さん") == ["人々", "𠮷野", "山﨑"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("返金してください", "ja"),
        ("ﾍﾝｷﾝｼﾃｸﾀﾞｻｲ", "ja"),  # half-width katakana are kana (once missed)
        ("Please refund me", "en"),
        # Kanji alone could be Chinese, but of the languages served it is Japanese (its names
        # must reach the Japanese recognizers); the pipeline read it so before, detection not.
        ("退款", "ja"),
        ("佐藤健一 東京都渋谷区 2024", "ja"),
        ("Invoice 領収書", "en"),  # a Latin word and no kana: not decided for Japanese
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language
