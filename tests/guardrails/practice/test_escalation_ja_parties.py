"""Japanese escalation: party names found through patterns compiled once per lexicon."""

from __future__ import annotations

import re

import pytest

from guardrails.practice import escalation_ja
from guardrails.practice import escalation_lexicon as lex
from guardrails.practice.morphemes import Morpheme, morphemes

LEXICONS = (
    (lex.JA_PAYMENT_PARTY, "にへ"),
    (lex.JA_REGULATOR, "にへ"),
    (lex.JA_PUBLIC_CHANNEL, "にでへ"),
)


def _compiled_per_call(
    text: str, ms: list[Morpheme], parties: frozenset[str], particles: str
) -> list[int]:
    """The reading before patterns were compiled once: every name searched in every text."""
    found = []
    for name in sorted(parties, key=len, reverse=True):
        for match in re.finditer(re.escape(name) + r"(?:サイト)?(?=[" + particles + "])", text):
            found.append(match.end())
    if not found:
        return []
    return [next((k for k, m in enumerate(ms) if m.start >= end), len(ms)) for end in found]


def _texts(parties: frozenset[str]) -> list[str]:
    first, *rest = sorted(parties)
    last = rest[-1] if rest else first
    return [
        "注文した商品がまだ届いていません。",
        f"{first}に連絡します。",
        f"{first}サイトで確認し、{last}へも相談しました。",
        f"{last}で話題になっています。",
        f"{first}の件です。",  # a name before no particle of the list
    ]


@pytest.mark.parametrize(("parties", "particles"), LEXICONS)
def test_party_indexes_are_the_per_call_reading_s(parties: frozenset[str], particles: str) -> None:
    for text in _texts(parties):
        ms = list(morphemes(text))
        got = escalation_ja._after_party(text, ms, parties, particles)
        assert got == _compiled_per_call(text, ms, parties, particles), text


def test_patterns_are_kept_per_lexicon_and_particles() -> None:
    names = lex.JA_PUBLIC_CHANNEL
    with_de = escalation_ja._party_patterns(names, "にでへ")
    assert escalation_ja._party_patterns(names, "にでへ") is with_de
    # Another particle set is another entry: "で" follows a name only in the first.
    without_de = escalation_ja._party_patterns(names, "にへ")
    assert without_de is not with_de
    name = next(iter(names))
    assert dict(with_de)[name].search(f"{name}で") is not None
    assert dict(without_de)[name].search(f"{name}で") is None
    # Another lexicon is another entry.
    others = escalation_ja._party_patterns(lex.JA_REGULATOR, "にへ")
    assert {n for n, _ in others} == set(lex.JA_REGULATOR) != {n for n, _ in without_de}
