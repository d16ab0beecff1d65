"""Whether an English word is mostly a noun or an adjective in use, not a verb.

Many words can be both ("team", "profile", "book", "change"); the lemma lexicon only says that
they can. The sense-tag counts of WordNet 3.0 (SemCor) say how often each is used which way:
``en_nominal.tsv.gz``, built by ``benchmarks/wordnet_nominal_build.py``, lists the words whose
uses as a noun or adjective outnumber their uses as a verb (licence in
``en_synonyms.LICENSE``, WordNet 3.0's).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

EN_NOMINAL_PATH = Path(__file__).with_name("en_nominal.tsv.gz")
# A word tagged as a verb in fewer than this share of its uses, seen at least _MIN_TAGS times,
# is a noun or adjective first ("summer" 58/0, "book" 59/5); "order" (57/52) is not.
_VERB_SHARE = 0.2
_MIN_TAGS = 5


@lru_cache(maxsize=1)
def nominal_table(path: Path = EN_NOMINAL_PATH) -> dict[str, tuple[int, int]]:
    """Word -> (uses as a noun or adjective, uses as a verb); empty when the table is missing."""
    if not path.exists():
        return {}
    out: dict[str, tuple[int, int]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, nominal, verb = line.rstrip("\n").split("\t")
            out[word] = (int(nominal), int(verb))
    return out


def mostly_nominal(word: str) -> bool:
    """True when tagged English uses ``word`` mostly as a noun or adjective, rarely as a verb."""
    nominal, verb = nominal_table().get(word, (0, 0))
    return nominal >= _MIN_TAGS and verb < _VERB_SHARE * (nominal + verb)
