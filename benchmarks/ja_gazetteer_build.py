"""Build ``guardrails/pii/ja_name_gazetteer.tsv.gz``: katakana words JMnedict knows, by kind.

Run: ``python benchmarks/ja_gazetteer_build.py PATH/jamdict.db`` with the SQLite database of
the ``jamdict-data`` package (its ``jamdict.db.xz``, unpacked; build time only). Deterministic.

JMnedict (EDRDG, CC BY-SA 4.0) lists Japanese and foreign proper names. Every katakana-only
entry is split at ``・``/``=`` into words, and each word gets the kinds of the entries it is in
(see ``guardrails.pii.ja_gazetteer.KINDS``); the full names of people in kanji are listed
whole. Sudachi's dictionary knows few foreign names:
whether a katakana word is a name at all, and of what, is what the tagger reads from this.
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails.pii.ja_gazetteer import FULL_NAME, GAZETTEER_FILE, KINDS  # noqa: E402

OUT = ROOT / "guardrails" / "pii" / GAZETTEER_FILE
_WORD = re.compile(r"^[ァ-ヴー]{2,}$")


def build(db: Path) -> dict[str, str]:
    """Word -> its kinds' one-letter codes, sorted (``P``, ``L``, ``O``, ``U``, ``X``)."""
    con = sqlite3.connect(str(db))
    with_kanji = {row[0] for row in con.execute("SELECT DISTINCT idseq FROM NEKanji")}
    types: dict[int, set[str]] = defaultdict(set)
    query = "SELECT tr.idseq, ty.text FROM NETranslation tr JOIN NETransType ty ON ty.tid = tr.ID"
    for idseq, kind in con.execute(query):
        types[idseq].add(KINDS.get(kind, "X"))
    words: dict[str, set[str]] = defaultdict(set)
    for idseq, text in con.execute("SELECT idseq, text FROM NEKana"):
        if idseq in with_kanji:
            continue  # a reading of a kanji name, not a katakana name
        for part in re.split(r"[・=＝]", text):
            if _WORD.match(part):
                words[part] |= types[idseq]
    table = {w: "".join(sorted(k)) or "X" for w, k in words.items()}
    # Full names written in kanji (西尾維新): a person's entry of three characters or more.
    for idseq, text in con.execute("SELECT idseq, text FROM NEKanji"):
        if len(text) >= 3 and types[idseq] == {"P"} and not _WORD.match(text):
            table[text] = FULL_NAME
    return table


def main(argv: list[str]) -> None:
    """Write the gazetteer from the database at ``argv[0]``."""
    table = build(Path(argv[0]))
    lines = "".join(f"{w}\t{table[w]}\n" for w in sorted(table))
    # mtime=0: the same input gives the same bytes.
    OUT.write_bytes(gzip.compress(lines.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(table)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
