"""Dev probes for Japanese names by shape (round 30): `python benchmarks/pii_ja_name_probes.py`.

``benchmarks/data/pii_ja_names_probes_r30.jsonl`` (our own sentences, written before the
round's code: lone katakana names with verbs of persons, after roles, in lists, sumo and
stage names, ``A・B`` names) and ``..._clean.jsonl`` (places, teams, companies, works and
common nouns in the same frames). Counted as in ``pii_ja_latin_probes.py``. Dev data.

First run (main 241d751, before the round's rules): 32/40 values fully masked (20/28 lines),
1/30 clean lines with a finding. Four clean words were later swapped for words absent from
the NER corpus (review); on main then 32/40 (20/28), 0/30. After the round's kept rules:
33/40 (21/28 lines), 0/30. Round 31 (office holders, sumo ranks, places among names): 34/40
(22/28), 0/30. Round 31 fixer (only an office continues a role compound, place words kept
in a person frame, place+office only for a known place, 綱 only in 横綱, no label before a
colon in a span): first run 34/40 (22/28), 0/30; after 34/40 (22/28), 0/30. Stop 32 (a
katakana place before its office, a seat in an assembly, a surname in a staff frame): 34/40
(22/28), 0/30 before and after. Stop 34: r30 34/40 (22/28), 0/30 before and after; the
round's own support-text probes (``..._r34``, written before its code): main 18/20 values
(16/18 lines), 6/18 clean lines with a finding; branch 20/20 (18/18), 3/18 (the three left:
a thing's event after a workplace with ておる or an object, 本社の池が凍結しております). After
review (the writer's-company rule dropped: it cleared staff introducing themselves, 弊社の林です)
20/20 (18/18), 6/18 (弊社の森です。..., 当社の池です, 弊社の林です。... masked again, as on main).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from pii_ja_latin_probes import clean, leaks  # noqa: E402

from guardrails.pii import PiiEngine  # noqa: E402

DATA = REPO / "benchmarks" / "data"
LEAKS = DATA / "pii_ja_names_probes_r30.jsonl"
CLEAN = DATA / "pii_ja_names_probes_r30_clean.jsonl"
# Stop 34: support text (short katakana names before さん, staff of a named workplace, the
# writer's company's things, letters and roles before さん), written before the round's code.
LEAKS_R34 = DATA / "pii_ja_names_probes_r34.jsonl"
CLEAN_R34 = DATA / "pii_ja_names_probes_r34_clean.jsonl"


def main(argv: list[str]) -> None:
    """Print both counts as JSON."""
    engine = PiiEngine.build()
    verbose = "-v" in argv
    print(
        json.dumps({"leaks": leaks(engine, verbose, LEAKS), "clean": clean(engine, verbose, CLEAN)})
    )
    print(
        json.dumps(
            {
                "r34_leaks": leaks(engine, verbose, LEAKS_R34),
                "r34_clean": clean(engine, verbose, CLEAN_R34),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
