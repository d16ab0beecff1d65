"""A round's own dev attacks and hard negatives, scored per family (dev only).

Run: ``python benchmarks/injection_families.py ROUND [-v]`` with ROUND a suffix of the in-house
dev files (``r29b``, ``r30``): ``injection_inhouse_{en,ja}_{attacks,hard_negatives}_dev_<ROUND>``.
Each text is checked bare, and each attack also embedded in a dev support email of its language
at the start, middle and end (``benchmarks/injection_data.embed``); hard negatives are checked
bare and at the end of a dev email (a customer's sentence inside their own email). ``-v`` prints
the misses and false alarms (dev texts: readable). The first run of a round is written once to
``benchmarks/results/injection_families_<ROUND>_first_run.json``; later runs to
``injection_families_<ROUND>.json``.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import injection_data as data  # noqa: E402
from benchmarks.injection import carrier_seed  # noqa: E402
from guardrails.injection import find_injection  # noqa: E402
from guardrails.injection_model import InjectionModel  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
DEV_EMAILS = 40


def _rows(round_name: str) -> list[dict[str, str]]:
    rows = []
    for path in sorted(data.INHOUSE.glob(f"injection_inhouse_*_dev_{round_name}.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def score(round_name: str, verbose: bool = False) -> dict[str, dict[str, float | int]]:
    """Per language, label and family: the share flagged, bare and embedded."""
    model = InjectionModel.load()
    emails = {
        "en": data.support_emails("dev", DEV_EMAILS),
        "ja": data.japanese_emails("dev", DEV_EMAILS),
    }
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in _rows(round_name):
        text, lang, attack = row["text"], row["lang"], row["label"] == "attack"
        key = f"{lang} {'attacks' if attack else 'clean'} {row.get('family', '-')}"
        rng = random.Random(carrier_seed(text))
        positions = data.POSITIONS if attack else ("end",)
        bare = find_injection(text, model) is not None
        embedded = [
            find_injection(data.embed(rng.choice(emails[lang]), text, p), model) is not None
            for p in positions
        ]
        c = counts[key]
        c[0] += bare
        c[1] += 1
        c[2] += sum(embedded)
        c[3] += len(embedded)
        wrong = (not bare or not all(embedded)) if attack else (bare or any(embedded))
        if verbose and wrong:
            marks = "".join("x" if e else "." for e in (bare, *embedded))
            print(f"{'MISS ' if attack else 'FALSE'} {key:22s} {marks} {text[:110]}")
    return {
        key: {"bare": round(c[0] / c[1], 3), "embedded": round(c[2] / c[3], 3), "texts": c[1]}
        for key, c in sorted(counts.items())
    }


def main() -> None:
    """Score the round's files; the first run is written once and kept."""
    round_name = next((a for a in sys.argv[1:] if not a.startswith("-")), "r30")
    result = score(round_name, "-v" in sys.argv)
    first = RESULTS / f"injection_families_{round_name}_first_run.json"
    out = RESULTS / f"injection_families_{round_name}.json" if first.exists() else first
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for key, row in result.items():
        print(f"{key:28s} bare {row['bare']:.3f}  embedded {row['embedded']:.3f}  n={row['texts']}")


if __name__ == "__main__":
    main()
