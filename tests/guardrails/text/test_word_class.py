"""English word classes and general frequency, from shipped lexicons."""

from __future__ import annotations

from guardrails.text.word_class import (
    is_base_verb,
    is_common_word,
    is_known_word,
    is_only_adverb,
    is_only_noun,
    is_plural_noun,
)


def test_base_verbs() -> None:
    assert is_base_verb("Ask") and is_base_verb("enter") and is_base_verb("verify")
    assert not is_base_verb("asks") and not is_base_verb("is") and not is_base_verb("members")


def test_nouns_and_adverbs() -> None:
    assert is_only_noun("family") and not is_only_noun("interface") and not is_only_noun("that")
    assert is_only_adverb("actually") and not is_only_adverb("monthly")


def test_common_words_name_no_topic() -> None:
    assert is_common_word("new") and is_common_word("instead")
    assert not is_common_word("refund") and not is_common_word("workspace")
    assert not is_common_word("返金") and not is_common_word("deliv")


def test_classes_of_lists_every_part_of_speech_a_word_can_have() -> None:
    from guardrails.text.word_class import classes_of

    assert {"NOUN", "VERB"} <= classes_of("Ferry")
    assert classes_of("suitable") == frozenset({"ADJ"})
    assert classes_of("qzxv") == frozenset()


def test_known_words_are_the_lexicon_s_and_names_are_not() -> None:
    assert is_known_word("refund") and is_known_word("Charged")
    assert not is_known_word("Zephyrquill") and not is_known_word("lopez")


def test_is_plural_noun() -> None:
    assert is_plural_noun("toppings") and is_plural_noun("shades")
    # a noun without a plural form, an auxiliary the lexicon also lists as a noun
    assert not is_plural_noun("news") and not is_plural_noun("does")
