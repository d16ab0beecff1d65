"""Train the Japanese person tagger shipped in ``guardrails/pii/ja_person_weights.json``.

Run: ``python benchmarks/ja_person_train.py`` (a minute or two; deterministic), after
``pip install python-crfsuite`` (training only: the package decodes the exported weights
itself). ``--tune`` instead trains on one half of the dev part and prints figures on the
other half for a grid of regularisation strengths and person offsets, which is how the
shipped settings below were chosen.

Only the ``dev`` part of the stockmark ner-wikipedia file is read (``benchmarks/pii.py``'s
split by a hash of the article id); the ``test`` part is what ``benchmarks/pii.py`` reports.
Labels: a token is a person token when it overlaps a 人名 span; the corpus's other entity
types (companies, places, parties, events...) are all "other", which is what teaches the
model 自民党 and 東京電力 are not people.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pii import JA_SET, _figures, _score, ja_split  # noqa: E402

from guardrails.normalise import normalise  # noqa: E402
from guardrails.pii.ja_person_model import (  # noqa: E402
    WEIGHTS_FILE,
    PersonTagger,
    rule_kinds,
    sequence_features,
)
from guardrails.pii.names import NameLexicon  # noqa: E402
from guardrails.pii.recognizers_ja import (  # noqa: E402
    Token,
    name_spans,
    person_morphemes,
    person_spans,
)

OUT = ROOT / "guardrails" / "pii" / WEIGHTS_FILE
# Chosen on the dev part alone, training on one half and measuring on the other, both ways
# (``--tune`` prints one way): offset 0.5 gave recall 0.826 / precision 0.851 there, 1.0 gave
# 0.845 / 0.813; stronger L1 or dropping word features did not help.
C1 = 0.05
C2 = 0.01
OFFSET = 0.5
MAX_ITERATIONS = 200
MIN_WEIGHT = 1e-3  # smaller exported weights change no decision and only grow the file


class Sentence:
    """One record: text, tokens, features and gold labels, computed once."""

    def __init__(self, rec: dict[str, object], ranks: object) -> None:
        self.curid = str(rec["curid"])
        # The corpus has no disguises: normalising leaves its offsets unchanged.
        self.text = normalise(str(rec["text"])).text
        self.tokens: list[Token] = person_morphemes(self.text)
        entities = rec["entities"]
        assert isinstance(entities, list)
        self.gold = [tuple(e["span"]) for e in entities if e["type"] == "人名"]
        kinds = rule_kinds(self.tokens, person_spans(self.text, self.tokens))
        self.features = sequence_features(self.tokens, kinds, ranks)  # type: ignore[arg-type]
        self.labels = [
            "P" if any(s < t.end and t.begin < e for s, e in self.gold) else "O"
            for t in self.tokens
        ]


def _half(curid: str) -> str:
    return "a" if hashlib.blake2b(curid.encode(), digest_size=8).digest()[1] % 2 == 0 else "b"


def train(sentences: list[Sentence], c1: float, c2: float) -> dict[str, object]:
    """CRFsuite L-BFGS training; the exported weights (person minus other per feature)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(s.features, s.labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": MAX_ITERATIONS,
            "feature.possible_transitions": True,
        }
    )
    path = ROOT / "benchmarks" / "results" / ".ja_person.crfsuite"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    tagger.close()
    path.unlink()
    diff: dict[str, float] = {}
    for (attr, label), w in info.state_features.items():
        diff[attr] = diff.get(attr, 0.0) + (w if label == "P" else -w)
    weights = {a: round(w, 4) for a, w in sorted(diff.items()) if abs(w) >= MIN_WEIGHT}
    transitions = {f"{a}>{b}": round(w, 4) for (a, b), w in info.transitions.items()}
    return {"weights": weights, "transitions": transitions}


def evaluate(
    sentences: list[Sentence], tagger: PersonTagger, keep_marked: bool = True
) -> dict[str, float | int]:
    """The benchmark's overlap recall and precision of the recognizer's PERSON spans."""
    c: Counter[str] = Counter()
    for s in sentences:
        found = name_spans(s.text, s.tokens, tagger, keep_marked)
        gold = [("PERSON", a, b) for a, b in s.gold]
        _score(gold, [("PERSON", a, b) for a, b, _ in found], c)
    return _figures(c, ("PERSON",))["PERSON"]


def _tagger(model: dict[str, object], offset: float, lexicon: NameLexicon) -> PersonTagger:
    weights, transitions = model["weights"], model["transitions"]
    assert isinstance(weights, dict) and isinstance(transitions, dict)
    return PersonTagger(weights, transitions, offset, lexicon.name_ranks)


def main(argv: list[str]) -> None:
    """Train and write the weights file, or (``--tune``) print the half-dev grid."""
    lexicon = NameLexicon.load()
    records = json.loads(JA_SET.read_text(encoding="utf-8"))
    dev = [Sentence(r, lexicon.name_ranks) for r in records if ja_split(r["curid"]) == "dev"]
    if "--tune" in argv:
        fit = [s for s in dev if _half(s.curid) == "a"]
        held = [s for s in dev if _half(s.curid) == "b"]
        for c1, c2 in ((0.05, 0.01), (0.1, 0.02)):
            model = train(fit, c1, c2)
            for offset in (-0.5, 0.0, 0.5, 1.0, 1.5):
                for keep in (True, False):
                    fig = evaluate(held, _tagger(model, offset, lexicon), keep)
                    print(f"c1={c1} c2={c2} offset={offset} keep={keep}: {fig}", flush=True)
        return
    model = train(dev, C1, C2)
    OUT.write_text(
        json.dumps({"offset": OFFSET, **model}, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    weights = model["weights"]
    assert isinstance(weights, dict)
    print(f"{len(dev)} dev sentences, {len(weights)} weights -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
