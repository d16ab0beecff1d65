"""A sentence's opening name said to be a person by its predicate (Xは…の実業家。).

A foreign name written alone in katakana (or an unknown word, or a dictionary proper noun)
looks the same as a company, a team or a place; what the sentence says of it tells them
apart: a sentence whose topic or subject it is and whose main predicate is a noun naming a
person by role or trade (実業家, 技師, 研究員, 歌手) or a verb only a person is the subject of
(生まれる, 亡くなる, 就任する, 述べる) is about a person. Only the subject opening a sentence
and only the predicate ending it are read: a relative clause inside (Xは、Yが生まれた町) ends
in its own noun, which names no person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from guardrails.pii.ja_gazetteer import gazetteer_code
from guardrails.pii.ja_person_model import TokenLike

# Verbs (their stems as Sudachi cuts them) whose subject is a person: born, died, took or
# left an office, said, married, starred. A company is founded (設立), not born.
_PERSON_VERBS = frozenset(
    {
        "生まれ",
        "生まれる",
        "亡くなっ",
        "亡くなり",
        "亡くなる",
        "死去",
        "死亡",
        "逝去",
        "没",
        "就任",
        "退任",
        "辞任",
        "引退",
        "結婚",
        "述べ",
        "語っ",
        "語り",
        "主演",
    }
)
T = TypeVar("T", bound=TokenLike)
_KATAKANA = re.compile(r"[ァ-ヴー]{2,}")
_JOINERS = frozenset({"・", "="})
_SENTENCE_END = frozenset({"。", "！", "？", "!", "?", "\n"})
# What may follow a predicate before the sentence ends: the copula and auxiliaries (である,
# だった, した: し is a verb that leans on what precedes it), and marks.
_TRAILING = frozenset({"助動詞", "補助記号", "空白"})
_LONGEST_SUBJECT = 7  # tokens: three katakana words and their dots, or a short full name


def _may_name_someone(token: TokenLike) -> bool:
    """A word that may be a person's name (a proper noun, an unknown or a listed name).

    A proper noun of no place or body, an unknown word, or a word the names dictionary lists
    as a person's or a foreign name.
    """
    pos = token.pos
    if pos[1] == "固有名詞":
        return pos[2] not in ("地名", "組織")
    return token.oov or bool(set(gazetteer_code(token.surface)) & {"P", "U"})


def _subject(tokens: Sequence[TokenLike], start: int, end: int) -> int | None:
    """Where the name opening the sentence at ``start`` ends (an index), or ``None``.

    The name is touching nouns (katakana words joined by ``・`` allowed), then は or が.
    """
    j = start
    while j < end and j - start < _LONGEST_SUBJECT:
        tok = tokens[j]
        if j > start and tok.begin != tokens[j - 1].end:
            return None
        if tok.surface in _JOINERS and j > start and j + 1 < end:
            j += 1
            continue
        if tok.pos[0] != "名詞" or tok.pos[1] not in ("固有名詞", "普通名詞"):
            break
        if (
            tok.pos[1] == "普通名詞"
            and not (tok.oov or _KATAKANA.fullmatch(tok.surface))
            and not (j > start and tokens[j - 1].pos[3] == "姓")
        ):
            return None  # a kanji common noun, not a given name after a surname: 同社
        j += 1
    if j == start or j >= end or tokens[j].surface not in ("は", "が"):
        return None
    if tokens[j - 1].surface in _JOINERS:
        return None
    if not any(_may_name_someone(t) for t in tokens[start:j]):
        return None
    return j


# Words of a time or a connective that may open a sentence before its subject (翌年、
# 1998年、しかし、): a number, a counter, an adverbial noun, an adverb, a conjunction.
_SETTING = frozenset({"数詞", "助数詞可能", "副詞可能", "助数詞"})
_LONGEST_SETTING = 5


def _after_setting(tokens: Sequence[TokenLike], start: int, end: int) -> int:
    """Where the subject starts: after a time or connective and a 、 (翌年、Xは), or ``start``."""
    for k in range(start, min(end, start + _LONGEST_SETTING + 1)):
        tok = tokens[k]
        if tok.surface == "、":
            return k + 1 if k > start else start
        if not (
            tok.pos[0] in ("接続詞", "副詞") or tok.pos[1] in _SETTING or tok.pos[2] in _SETTING
        ):
            return start
    return start


def _predicate(tokens: Sequence[T], after: int, end: int) -> T | None:
    """The last content word in ``tokens[after:end]`` (the copula and auxiliaries skipped)."""
    k = end - 1
    while k >= after and (
        tokens[k].pos[0] in _TRAILING
        or (tokens[k].pos[0] == "動詞" and tokens[k].pos[1] == "非自立可能")
    ):
        k -= 1
    return tokens[k] if k >= after else None


def people_by_predicate(
    tokens: Sequence[T], is_person_noun: Callable[[T], bool]
) -> list[tuple[int, int]]:
    """Spans of sentence-opening names whose sentence says they are people (linear)."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(tokens)
    while start < n:
        end = start
        while end < n and tokens[end].surface not in _SENTENCE_END:
            end += 1
        opens = _after_setting(tokens, start, end)
        subject = _subject(tokens, opens, end)
        if subject is not None:
            last = _predicate(tokens, subject + 1, end)
            if last is not None and (
                (
                    last.pos[0] == "名詞"
                    and last.pos[2] != "サ変可能"  # an act (発表した), not a role
                    and len(last.surface) >= 2
                    and is_person_noun(last)
                )
                or last.surface in _PERSON_VERBS
            ):
                out.append((tokens[opens].begin, tokens[subject - 1].end))
        start = end + 1
    return out
