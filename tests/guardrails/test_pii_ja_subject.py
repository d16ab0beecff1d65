"""A sentence's opening name said to be a person by its predicate (guardrails/pii/ja_subject.py)."""

import time

import pytest

from guardrails.pii.ja_subject import people_by_predicate
from guardrails.pii.recognizers_ja import MARKED, _is_person_noun, person_morphemes, person_spans


def _said(text: str) -> list[str]:
    """The names the subject rule marks (a marked span of the rules' output)."""
    tokens = person_morphemes(text)
    return [text[s:e] for s, e in people_by_predicate(tokens, _is_person_noun)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ブラニガンは1951年にダブリンで亡くなった。", "ブラニガン"),  # a verb of persons
        ("ヴォルコフは、ロシアの数学者。", "ヴォルコフ"),  # a role noun as the predicate
        ("ザイデルマンは東欧出身の実業家である。", "ザイデルマン"),  # the copula after it
        ("翌年、コワルスキが監督に就任した。", "コワルスキ"),  # after a time and a comma
        ("エーリヒ・ツィンマーリングは、オーストリアの作曲家。", "エーリヒ・ツィンマーリング"),
    ],
)
def test_a_name_the_sentence_calls_a_person_is_marked(text: str, name: str) -> None:
    assert _said(text) == [name]
    start = text.index(name)
    assert (start, start + len(name), MARKED) in person_spans(text, person_morphemes(text))


@pytest.mark.parametrize(
    "text",
    [
        "この品種は1962年にフランスで生まれた。",  # no name opens the sentence
        "ピザはナポリで生まれた。",  # a common noun Sudachi knows is no name
        "1998年、ボルボはベルリンで新車を発表した。",  # an act (代表's 表), not a role
        "ハノーファーは、ドイツの都市である。",  # a place noun as the predicate
        "ノキアは、フィンランドの企業である。",
        "ヴェルナーが生まれた町は小さい。",  # the verb of a clause inside, not the predicate
        "アディダスは新製品を発表した。",
    ],
)
def test_a_thing_the_sentence_describes_is_not_marked(text: str) -> None:
    assert _said(text) == []


def test_the_subject_rule_reads_a_long_text_in_linear_time() -> None:
    one = "ブラニガンは1951年にダブリンで亡くなった。"
    tokens = person_morphemes(one * 400)
    start = time.perf_counter()
    found = people_by_predicate(tokens, _is_person_noun)
    assert len(found) == 400
    assert time.perf_counter() - start < 0.5
