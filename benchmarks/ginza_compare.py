"""ja-ginza on the PII benchmark's Japanese texts: the comparison the PII issue asks for.

ja-ginza is not a replydraft dependency (too slow for the request path); measure it in a
separate environment:

    python3 -m venv /tmp/ginza && /tmp/ginza/bin/pip install ja-ginza
    /tmp/ginza/bin/python benchmarks/ginza_compare.py

Writes benchmarks/results/ja_ginza.json: p50 latency of one ginza pass over the same
1,500-character thread plus draft that benchmarks/pii.py times replydraft's detector on, and
人名 recall/precision on the first 500 sentences of the stockmark dev set (ginza's PERSON).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import spacy
from ja_texts import JA_DRAFT, JA_THREAD

REPO = Path(__file__).resolve().parents[1]
JA_SET = REPO.parent / "shared" / "data" / "ja_ner" / "stockmark_ner_wikipedia_dev.json"
OUT = REPO / "benchmarks" / "results" / "ja_ginza.json"
SENTENCES = 500


def main() -> None:
    """Time ginza and score its person names."""
    nlp = spacy.load("ja_ginza")
    thread, draft = JA_THREAD, JA_DRAFT
    for _ in range(3):
        nlp(thread), nlp(draft)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        nlp(thread), nlp(draft)
        times.append((time.perf_counter() - start) * 1000)
    records = json.loads(JA_SET.read_text(encoding="utf-8"))[:SENTENCES]
    gold = found = predicted = 0
    for record in records:
        spans = {tuple(e["span"]) for e in record["entities"] if e["type"] == "人名"}
        doc = nlp(record["text"])
        guesses = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("Person", "PERSON")}
        gold += len(spans)
        predicted += len(guesses)
        found += sum(any(g[0] < s[1] and s[0] < g[1] for g in guesses) for s in spans)
    result = {
        "chars": [len(thread), len(draft)],
        "ms_p50": round(statistics.median(times), 1),
        "person_recall": round(found / gold, 3) if gold else None,
        "person_predicted": predicted,
        "sentences": len(records),
        "gold_names": gold,
    }
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
