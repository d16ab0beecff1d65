"""Sudachi morphemes of a draft as plain records, computed once per text.

Several checks (proofreading, tone) read the same draft's morphemes; the tokenizer itself is
``guardrails.japanese.tokenizer`` (one dictionary per process).
"""

from __future__ import annotations

from dataclasses import dataclass

from guardrails.japanese import tokenize
from guardrails.run_memo import per_run


@dataclass(frozen=True)
class Morpheme:
    """One morpheme: its span in the text, part of speech (6 fields) and base forms."""

    start: int
    end: int
    surface: str
    pos: tuple[str, ...]
    dictionary_form: str
    normalized_form: str

    @property
    def conjugation_type(self) -> str:
        """Sudachi's conjugation type ("五段-ラ行", "上一段-マ行"), or "*"."""
        return self.pos[4]

    @property
    def conjugation_form(self) -> str:
        """Sudachi's conjugation form ("未然形-一般", "連用形-一般"), or "*"."""
        return self.pos[5]


@per_run
def morphemes(text: str) -> tuple[Morpheme, ...]:
    """The short-unit (mode A) morphemes of ``text``, spans indexing ``text``."""
    return tuple(
        Morpheme(
            start=offset + m.begin(),
            end=offset + m.end(),
            surface=m.surface(),
            pos=tuple(m.part_of_speech()),
            dictionary_form=m.dictionary_form(),
            normalized_form=m.normalized_form(),
        )
        for offset, m in tokenize(text)
    )


@per_run
def conjugation_of(verb: str) -> str:
    """The conjugation type of a verb in its dictionary form ("見る" -> "上一段-マ行")."""
    found = morphemes(verb)
    if len(found) != 1 or found[0].pos[0] != "動詞":
        return "*"
    return found[0].conjugation_type
