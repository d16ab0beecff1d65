"""Dev probes for Latin names, brands and foreign numbers in Japanese support text.

`python benchmarks/pii_ja_latin_probes.py [-v]` prints, for
``benchmarks/data/pii_ja_latin_probes_r28.jsonl`` (lines written for this check, each with the
values that must be masked: Latin names addressed with 宛, in person with 本人, slash-listed,
opening the text, a surname alone after the full name; an SSN and foreign phones labelled
only in Japanese), how many values are fully, partly or not masked; and for
``..._clean.jsonl`` (brands, products, places, organisations that must stay in clear) how many
lines have any finding. Dev data: the rules were written against it, so it measures no
generalisation; ``-v`` prints the lines that fail (these are our own sentences, no corpus).

Figures (round 28): main 47/62 values fully masked, 27/45 clean lines with a finding. The
branch's product rules first brought the clean lines to 20/45, but they left names in clear
that main masked (a number and its counter after a name, English-word surnames); bounded to
runs that are no plausible name (privacy first), 62/62 and 27/45, as many brands as main.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guardrails.pii import PiiEngine  # noqa: E402

DATA = REPO / "benchmarks" / "data"
LEAKS = DATA / "pii_ja_latin_probes_r28.jsonl"
CLEAN = DATA / "pii_ja_latin_probes_r28_clean.jsonl"
# Round 29 (written before the fixes): a common-word surname before さん/様, a full name before
# a verbal noun (担当, 作成, 経由), a name before a spaced phone; products beside the same words.
# First run (main): 5/12 lines masked; clean 1/8 lines with a finding (a phone in a line since
# rewritten without it). After: 12/12, 0/8; round 28's figures unchanged (62/62, 27/45). Two
# lines added later (a listed given name that is a word opening a Japanese sentence, "Hope
# Marsh経由"): main masks 0 of 2 whole, the branch 2 of 2.
LEAKS_R29 = DATA / "pii_ja_latin_probes_r29.jsonl"
CLEAN_R29 = DATA / "pii_ja_latin_probes_r29_clean.jsonl"


def _coverage(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(covered, total) non-space characters of ``text[start:end]``."""
    wanted = [i for i in range(start, end) if not text[i].isspace()]
    return sum(any(s <= i < e for s, e in spans) for i in wanted), len(wanted)


def leaks(engine: PiiEngine, verbose: bool = False, path: Path = LEAKS) -> dict[str, int]:
    """Values fully, partly and not masked, and lines with every value masked."""
    counts = {"values": 0, "fully": 0, "partly": 0, "missed": 0, "lines": 0, "lines_masked": 0}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        spans = [(e.start, e.end) for e in engine.analyze(text, "ja")]
        whole = True
        for value in record["values"]:
            start = text.find(value)
            while start >= 0:
                covered, total = _coverage(text, start, start + len(value), spans)
                counts["values"] += 1
                kind = "fully" if covered == total else "partly" if covered else "missed"
                counts[kind] += 1
                whole = whole and kind == "fully"
                start = text.find(value, start + 1)
        counts["lines"] += 1
        counts["lines_masked"] += whole
        if verbose and not whole:
            print("LEAK", text, [text[s:e] for s, e in spans])
    return counts


def clean(engine: PiiEngine, verbose: bool = False, path: Path = CLEAN) -> dict[str, int]:
    """Lines of brands, products, places and organisations with any finding."""
    counts = {"lines": 0, "with_finding": 0}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        found = engine.analyze(text, "ja")
        counts["lines"] += 1
        counts["with_finding"] += bool(found)
        if verbose and found:
            print("FALSE", text, [(text[e.start : e.end], e.type) for e in found])
    return counts


def main(argv: list[str]) -> None:
    """Print both counts as JSON."""
    engine = PiiEngine.build()
    verbose = "-v" in argv
    print(json.dumps({"leaks": leaks(engine, verbose), "clean": clean(engine, verbose)}))
    print(
        json.dumps(
            {
                "r29_leaks": leaks(engine, verbose, LEAKS_R29),
                "r29_clean": clean(engine, verbose, CLEAN_R29),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
