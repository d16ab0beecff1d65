"""Katakana words known as proper names, and of what kind (from JMnedict; a tagger feature).

Sudachi's dictionary knows few foreign names: グラント or テルフォード come out as common or
unknown nouns, the same as a team or a company nobody listed. JMnedict (the EDRDG's names
dictionary, CC BY-SA 4.0: see ``LICENSE.ja_name_gazetteer``) lists ~77,000 katakana words of
names with their kinds, and ~125,000 people's names of three characters or more in kanji.
``benchmarks/ja_gazetteer_build.py`` derives the shipped table (``ja_name_gazetteer.tsv.gz``,
~860 KB); :func:`gazetteer_code` and :func:`full_name_tokens` read it. The code is a
feature of ``ja_person_model``, weighed against context, never a verdict: many words are
names and common words at once (ライス, ナイフ).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

GAZETTEER_FILE = "ja_name_gazetteer.tsv.gz"
FULL_NAME = "F"  # the code of a person's whole name written in kanji (西尾維新)
_LONGEST = 4  # a full name spans at most this many Sudachi tokens
# JMnedict's name types, as one-letter codes: a person's (P), a place's (L), an
# organisation's (O), unclassified (U: mostly foreign personal names), anything else (X).
KINDS = {
    "person": "P",
    "surname": "P",
    "given": "P",
    "fem": "P",
    "masc": "P",
    "place": "L",
    "station": "L",
    "organization": "O",
    "company": "O",
    "unclass": "U",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    path = resources.files("guardrails.pii") / GAZETTEER_FILE
    if not path.is_file():
        return {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines())


def gazetteer_code(surface: str) -> str:
    """The kinds of name ``surface`` is (``"LP"``: a place and a person), or ``"-"``."""
    return _table().get(surface, "-")


def full_name_tokens(surfaces: list[str]) -> list[bool]:
    """Per token, whether it lies in a run of 2-4 tokens that is a listed person's full name.

    Sudachi cuts a name it does not know into pieces (西尾|維新); the run joined is looked up.
    """
    table = _table()
    out = [False] * len(surfaces)
    for i in range(len(surfaces)):
        joined = surfaces[i]
        for j in range(i + 1, min(i + _LONGEST, len(surfaces))):
            joined += surfaces[j]
            if table.get(joined) == FULL_NAME:
                out[i : j + 1] = [True] * (j + 1 - i)
    return out
