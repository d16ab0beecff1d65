"""Training labels of the Japanese person tagger (``benchmarks/ja_person_train.py``)."""

from __future__ import annotations

from benchmarks.ja_person_train import token_labels
from guardrails.pii.recognizers_ja import Token

NOUN = ("名詞", "固有名詞", "人名", "一般")


def _tokens(*surfaces: str) -> list[Token]:
    out, pos = [], 0
    for surface in surfaces:
        out.append(Token(pos, pos + len(surface), surface, NOUN))
        pos += len(surface)
    return out


# Own example: two touching names (a surname and a given name each), then a company.
TOKENS = _tokens("山田", "太郎", "田中", "花子", "の", "北山", "電力")
ENTITIES = [((0, 4), "P"), ((4, 8), "P"), ((9, 13), "ORG")]


def test_kind_labels_name_the_entity_kind_only() -> None:
    assert token_labels(TOKENS, ENTITIES) == ["P", "P", "P", "P", "O", "ORG", "ORG"]


def test_bio_labels_start_every_entity_again() -> None:
    assert token_labels(TOKENS, ENTITIES, "bio") == [
        "B-P", "I-P", "B-P", "I-P", "O", "B-ORG", "I-ORG",
    ]  # fmt: skip


def test_a_person_wins_over_another_kind_on_the_same_token() -> None:
    tokens = _tokens("山田電機")
    assert token_labels(tokens, [((0, 4), "ORG"), ((0, 2), "P")], "bio") == ["B-P"]
