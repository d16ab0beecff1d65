"""The WordNet synonym table: its loader, the terms it gives, and answers it lets the judge read."""

import gzip
from pathlib import Path

import pytest

from guardrails.questions.synonyms import (
    EN_SYNONYMS_PATH,
    lemma_terms,
    phrase_terms,
    synonym_terms,
    word_synonyms,
    wordnet_synonyms,
    wordnet_table,
    wordnet_terms,
)
from tests.guardrails.questions.judging import judge_status


def test_the_loader_reads_synonyms_and_wider_words(tmp_path: Path) -> None:
    path = tmp_path / "table.tsv.gz"
    path.write_bytes(gzip.compress(b"sofa\tcouch settee\tseat\nkettle\t\tpot\n"))
    table = wordnet_table(path)
    assert table == {"sofa": ("couch", "settee", "seat"), "kettle": ("pot",)}


def test_a_missing_table_gives_no_synonyms(tmp_path: Path) -> None:
    assert wordnet_table(tmp_path / "absent.tsv.gz") == {}


def test_the_shipped_table_is_small_and_licensed() -> None:
    assert EN_SYNONYMS_PATH.stat().st_size < 1_000_000
    assert "WordNet 3.0" in EN_SYNONYMS_PATH.with_name("en_synonyms.LICENSE").read_text()
    table = wordnet_table()
    assert "price" in table["cost"]
    assert "partner" in table["husband"]


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("husbands", "partner"),  # an inflected ask word reaches its lemma's entry
        ("guarantee", "warranty"),
        ("large", "big"),
    ],
)
def test_an_ask_word_gets_the_terms_of_its_synonyms(word: str, term: str) -> None:
    assert term in wordnet_terms(word)


def test_a_stop_word_has_no_synonyms() -> None:
    assert wordnet_terms("would") == frozenset()


def test_the_ask_words_carry_their_wordnet_tokens() -> None:
    pairs = wordnet_synonyms("Can my wife come?")
    (spouse,) = [tokens for terms, tokens in pairs if "wife" in terms]
    assert "spous" in spouse


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the reply names the wider word (a husband is a partner) or a synonym
        ("Can I bring my husband to the tasting?", "Yes, partners are welcome too.", "answered"),
        ("Where is my parcel?", "Your package is at the depot on Mill Road.", "answered"),
        ("Which sofa is the largest?", "The Oslo couch is the biggest we make.", "answered"),
        ("Why was my claim rejected?", "It was declined as the photos were missing.", "answered"),
        # a word the table does not pair with the ask's words answers nothing
        ("Can I bring my husband to the tasting?", "Guests are welcome too.", "missing"),
        # a rare sense is left out: "husband" as a verb is "conserve"
        ("Can I bring my husband to the tasting?", "We conserve water on site.", "missing"),
    ],
)
def test_synonyms_let_the_judge_read_other_words(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft) == status


def test_a_multiword_lemma_is_one_token_and_a_synonym() -> None:
    # WordNet names "cancel" by the phrase "call off"; an inflected first word still says it
    assert "call_off" in wordnet_terms("cancel")
    assert "call_off" in phrase_terms("The organisers called off the show.")
    assert "call_off" not in phrase_terms("We call you back.")


def test_an_ask_phrase_is_held_by_a_single_word_synonym() -> None:
    pairs = wordnet_synonyms("Can you call off the delivery?")
    assert any("cancel" in tokens for terms, tokens in pairs if {"call", "off"} & terms)


def test_pertainyms_pair_both_ways() -> None:
    # "yearly" pertains to "year" in WordNet, one way only; the table keeps both ways
    assert "yearly" in wordnet_table()["year"]
    assert "year" in wordnet_table()["yearly"]


def test_an_able_adjective_meets_its_verb() -> None:
    assert "wash" in lemma_terms("washable")
    assert lemma_terms("table") == frozenset()  # too short a stem to be a verb's


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        ("Is the fleece machine washable?", "You can wash it on a cool cycle.", "answered"),
        ("Was the concert cancelled?", "The promoter called off the concert.", "answered"),
    ],
)
def test_derived_words_and_phrases_let_the_judge_read_other_words(
    ask: str, draft: str, status: str
) -> None:
    assert judge_status(ask, draft) == status


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("明日の午後にお届けします", "≈tomorrow"),
        ("本日中に発送いたします", "≈today"),
        ("昨日届きました", "≈yesterday"),
    ],
)
def test_a_word_naming_a_day_holds_its_day(text: str, day: str) -> None:
    assert day in synonym_terms(text)
    assert any(day in tokens for _, tokens in word_synonyms(text))


@pytest.mark.parametrize("text", ["明日香先生のレッスンは人気です", "今日子さんが担当します"])
def test_a_name_beginning_with_a_day_word_holds_no_day(text: str) -> None:
    days = {"≈today", "≈tomorrow", "≈yesterday"}
    assert not days & synonym_terms(text)
    assert not any(days & tokens for _, tokens in word_synonyms(text))
