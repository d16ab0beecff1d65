"""Entity-substitution copies for the Japanese person tagger's CV experiment."""

from __future__ import annotations

import random

from benchmarks import ja_person_augment_cv as aug
from guardrails.pii.ja_person_model import NO_RANK, PERSON

ROWS = [
    ("スミス", "P"),
    ("ブラウン", "U"),
    ("ミドリノ", "L"),
    ("アオゾラ", "O"),
    ("山田太郎", "F"),
    ("佐藤花子", "F"),
    ("ゆり子", "F"),
]
# Own example: a foreign full name, a company ending in a common noun, a lone surname.
RECORD: dict[str, object] = {
    "curid": "x1",
    "text": "昨日、ジョン・グリーンは北山電力の会議で高橋と話した。",
    "entities": [
        {"name": "ジョン・グリーン", "span": [3, 11], "type": "人名"},
        {"name": "北山電力", "span": [12, 16], "type": "法人名"},
        {"name": "高橋", "span": [20, 22], "type": "人名"},
    ],
}


def _ranks(word: str) -> tuple[int, int]:
    return (NO_RANK, NO_RANK)


def test_shapes_of_names() -> None:
    assert aug.shape("ジョン・スミス") == "kata_full"
    assert aug.shape("スミス") == "kata_single"
    assert aug.shape("山田太郎") == "kanji_full"
    assert aug.shape("山田") == "kanji_single"
    assert aug.shape("ゆり子") == "kana"
    assert aug.shape("J.R.") == "keep"


def test_a_copy_keeps_offsets_and_never_uses_a_held_out_name() -> None:
    pools = aug.Pools(ROWS, sample=10)
    sub = aug.Substituter(pools, {"スミス"}, [RECORD])
    for seed in range(5):
        copy = sub.copy(random.Random(seed), RECORD, orgloc=True)
        text = str(copy["text"])
        entities = copy["entities"]
        assert isinstance(entities, list)
        assert [e["type"] for e in entities] == ["人名", "法人名", "人名"]
        assert all(text[e["span"][0] : e["span"][1]] == e["name"] for e in entities)
        foreign = entities[0]["name"]
        assert foreign != "ジョン・グリーン" and "スミス" not in foreign
        assert entities[1]["name"].endswith("電力")


def test_dropout_hides_the_name_but_not_its_context() -> None:
    sentence = aug.Sentence(RECORD, _ranks)
    aug.dropout(sentence, 1.0, random.Random(0))
    person = [i for i, label in enumerate(sentence.labels) if label == PERSON]
    assert person
    for i in person:
        surface = sentence.tokens[i].surface
        assert f"w={surface}" not in sentence.features[i]
        assert "w=UNK" in sentence.features[i]
    assert any(f.startswith("pos=") for f in sentence.features[person[0]])
