"""``guardrails.pii.ja_gazetteer``: katakana name words and kanji full names from JMnedict."""

from __future__ import annotations

from guardrails.pii.ja_gazetteer import FULL_NAME, full_name_tokens, gazetteer_code


def test_a_foreign_given_name_is_known_as_a_person() -> None:
    assert "P" in gazetteer_code("ヘンリー")


def test_a_word_the_dictionary_lacks_has_no_kind() -> None:
    assert gazetteer_code("ケーキカップボード") == "-"


def test_a_full_name_cut_into_pieces_is_found_whole() -> None:
    # A pen name the names dictionary lists, cut by the tokenizer into two words.
    assert gazetteer_code("西尾維新") == FULL_NAME
    assert full_name_tokens(["昨日", "西尾", "維新", "が"]) == [False, True, True, False]


def test_no_full_name_in_ordinary_words() -> None:
    assert full_name_tokens(["今日", "は", "雨", "です"]) == [False] * 4
