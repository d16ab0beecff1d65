"""``guardrails.pii.ja_person_model``: the learned Japanese person tagger."""

from __future__ import annotations

from guardrails.pii.ja_person_model import PersonTagger, load_tagger, train
from guardrails.pii.recognizers_ja import Token


def _tokens(*parts: tuple[str, tuple[str, ...]]) -> list[Token]:
    out, pos = [], 0
    for surface, tags in parts:
        out.append(Token(pos, pos + len(surface), surface, tags))
        pos += len(surface)
    return out


NAME = ("名詞", "固有名詞", "人名", "一般")
NOUN = ("名詞", "普通名詞", "一般", "*")
PARTICLE = ("助詞", "係助詞", "*", "*")
DOT = ("補助記号", "一般", "*", "*")


def test_the_shipped_weights_load() -> None:
    tagger = load_tagger()
    assert tagger is not None and len(tagger.weights) > 100


def test_training_learns_the_examples() -> None:
    sentence = _tokens(("ジョン", NAME), ("は", PARTICLE), ("ホテル", NOUN), ("は", PARTICLE))
    weights = train([(sentence, [True, False, False, False], [True, False, False, False])] * 5)
    tagger = PersonTagger(weights)
    assert tagger.spans(sentence, [(0, 3, 0.85)]) == [(0, 3)]


def test_a_name_joined_by_a_middle_dot_is_one_span() -> None:
    sentence = _tokens(("ジョン", NAME), ("・", DOT), ("ケリー", NAME), ("は", PARTICLE))
    weights = {"pos=名詞/固有名詞/人名": 5.0, "bias": -1.0}
    assert PersonTagger(weights).spans(sentence, []) == [(0, 7)]


def test_batch_scores_equal_single_scores() -> None:
    tagger = load_tagger()
    assert tagger is not None
    sentence = _tokens(
        ("第", NOUN), ("ジョン", NAME), ("・", DOT), ("ケリー", NAME), ("は", PARTICLE)
    )
    flags = [False, True, True, True, False]
    batch = tagger.scores(sentence, flags)
    single = [tagger.score(sentence, i, flags[i]) for i in range(len(sentence))]
    assert batch == single
