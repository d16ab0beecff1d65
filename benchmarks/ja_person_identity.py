"""Fingerprint of the Japanese name tagger's output on the dev part, to compare two trees' code.

A change to how the tagger computes (not what it decides) shows the same fingerprint as the
code before it: one SHA-256 over every dev sentence's label scores (the raw float bytes), one
over its person probabilities and one over the recognizer's PERSON spans (``name_spans``), and
the dev figures those spans give.

Usage:
  python benchmarks/ja_person_identity.py [--code DIR] [--out FILE]
``--code`` puts a tree's packages first on the import path. Only the ``dev`` part of the
stockmark ner-wikipedia file is read (``benchmarks/pii.py``'s split); each sentence is tagged
inside a run of its own (as a request is), the tables kept across requests warming up as
they do in a server.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def fingerprint() -> dict[str, object]:
    """Hashes of the tagger's scores, probabilities and spans over every dev sentence."""
    # The tree's packages first: ``benchmarks.pii`` puts its own tree on the path when imported.
    import importlib

    from guardrails.normalise import normalise
    from guardrails.pii import ja_person_model
    from guardrails.pii.ja_person_model import load_tagger, rule_kinds
    from guardrails.pii.names import NameLexicon
    from guardrails.pii.recognizers_ja import name_spans, person_morphemes, person_spans
    from guardrails.run_memo import run_memo

    pii = importlib.import_module("benchmarks.pii")
    JA_SET, _figures, _score, ja_split = pii.JA_SET, pii._figures, pii._score, pii.ja_split

    tagger = load_tagger(NameLexicon.load().name_ranks)
    assert tagger is not None, "the shipped weights are missing"
    records = [r for r in json.loads(JA_SET.read_text("utf-8")) if ja_split(r["curid"]) == "dev"]
    scores, probabilities, spans = hashlib.sha256(), hashlib.sha256(), hashlib.sha256()
    counts: Counter[str] = Counter()
    for rec in records:
        text = normalise(str(rec["text"])).text
        with run_memo():
            tokens = person_morphemes(text)
            kinds = rule_kinds(tokens, person_spans(text, tokens))
            scores.update(tagger.scores(tokens, kinds).tobytes())
            probabilities.update(repr(tagger.person_probabilities(tokens, kinds)).encode())
            found = name_spans(text, tokens, tagger)
        spans.update(repr([(a, b) for a, b, _ in found]).encode())
        gold = [("PERSON", *e["span"]) for e in rec["entities"] if e["type"] == "人名"]
        _score(gold, [("PERSON", a, b) for a, b, _ in found], counts)
    return {
        "code": str(Path(ja_person_model.__file__).parents[2]),
        "sentences": len(records),
        "scores_sha256": scores.hexdigest(),
        "probabilities_sha256": probabilities.hexdigest(),
        "spans_sha256": spans.hexdigest(),
        "dev_person": _figures(counts, ("PERSON",))["PERSON"],
    }


def main() -> None:
    """Parse the options, put ``--code`` first on the path, print (and write) the hashes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=REPO, help="the tree whose code runs")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    sys.path[:0] = [str(args.code.resolve()), str(REPO)]
    found = fingerprint()
    print(json.dumps(found))
    if args.out:
        args.out.write_text(json.dumps(found, indent=1) + "\n")


if __name__ == "__main__":
    main()
