"""A small learned tagger for Japanese person names over Sudachi tokens (averaged perceptron).

Sudachi's dictionary tags the names it knows (人名) and nothing else: foreign names written in
katakana, stage names and surnames tagged as places are missed, and some dictionary names
are companies or places in context. This tagger decides per token from Sudachi's
part-of-speech tags, the character type, the words and tags around it, and the rule-based
verdict of ``recognizers_ja.person_spans`` (a feature, not the answer).

Trained only on the ``dev`` half of the stockmark ner-wikipedia file (split by a hash of the
article id, ``benchmarks/pii.py`` reports the ``test`` half); the weights ship in the
package (``ja_person_weights.json``, built by ``python -m guardrails.pii.ja_person_model
TRAIN.json``), nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Protocol

WEIGHTS_FILE = "ja_person_weights.json"
# Chosen on the second half of dev with weights trained on the first half (best balance of
# recall and precision there); more negative finds more names and more non-names.
THRESHOLD = -2.0
_KATAKANA = re.compile(r"^[ァ-ヴー・=]+$")
_HIRAGANA = re.compile(r"^[ぁ-ゖー]+$")
_KANJI = re.compile(r"^[\u3400-\u9fff々〆ヶ]+$")
_LATIN = re.compile(r"^[A-Za-z.]+$")
_DIGIT = re.compile(r"^\d+$")


class TokenLike(Protocol):
    """What the tagger reads of a token (``recognizers_ja.Token``)."""

    @property
    def begin(self) -> int: ...  # noqa: D102

    @property
    def end(self) -> int: ...  # noqa: D102

    @property
    def surface(self) -> str: ...  # noqa: D102

    @property
    def pos(self) -> tuple[str, ...]: ...  # noqa: D102

    @property
    def oov(self) -> bool: ...  # noqa: D102


def _char_type(surface: str) -> str:
    for name, pattern in (
        ("kata", _KATAKANA),
        ("hira", _HIRAGANA),
        ("kanji", _KANJI),
        ("latin", _LATIN),
        ("digit", _DIGIT),
    ):
        if pattern.match(surface):
            return name
    return "mixed"


def _tag(token: TokenLike | None) -> str:
    return "/".join(token.pos[:3]) if token is not None else "EDGE"


def features(tokens: Sequence[TokenLike], i: int, by_rule: bool) -> list[str]:
    """Feature names of token ``i`` (``by_rule``: inside a rule-based name span)."""
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    prev2 = tokens[i - 2] if i > 1 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    nxt2 = tokens[i + 2] if i + 2 < len(tokens) else None
    pos = tok.pos
    kind = _char_type(tok.surface)
    return [
        "bias",
        f"rule={by_rule}",
        f"rule+pos={by_rule}/{_tag(tok)}",
        f"pos={_tag(tok)}",
        f"pos4={'/'.join(pos[:4])}",
        f"type={kind}",
        f"type+pos={kind}/{_tag(tok)}",
        f"len={min(len(tok.surface), 6)}/{kind}",
        f"w={tok.surface}",
        f"oov={tok.oov}/{kind}",
        f"pre2={tok.surface[:2]}/{kind}",
        f"suf2={tok.surface[-2:]}/{kind}",
        f"next_oov={nxt.oov if nxt else 'EDGE'}",
        f"prev_oov={prev.oov if prev else 'EDGE'}",
        f"last={tok.surface[-1]}/{kind}",
        f"prev={_tag(prev)}",
        f"next={_tag(nxt)}",
        f"prev_w={prev.surface if prev else 'EDGE'}",
        f"next_w={nxt.surface if nxt else 'EDGE'}",
        f"prev_last={prev.surface[-1] if prev else 'EDGE'}",
        f"next_last={nxt.surface[-1] if nxt else 'EDGE'}",
        f"prev2={_tag(prev2)}",
        f"next2={_tag(nxt2)}",
        f"next_w+type={nxt.surface if nxt else 'EDGE'}/{kind}",
        f"prev_w+type={prev.surface if prev else 'EDGE'}/{kind}",
        f"around={_tag(prev)}|{_tag(nxt)}",
    ]


class PersonTagger:
    """Per-token person/not-person decisions from learned weights."""

    def __init__(self, weights: dict[str, float], threshold: float = 0.0) -> None:
        self.weights = weights
        self.threshold = threshold

    def score(self, tokens: Sequence[TokenLike], i: int, by_rule: bool) -> float:
        """The token's score (above ``threshold``: part of a person's name)."""
        w = self.weights
        return sum(w.get(f, 0.0) for f in features(tokens, i, by_rule))

    def spans(
        self, tokens: Sequence[TokenLike], rule_spans: Sequence[tuple[int, int, float]]
    ) -> list[tuple[int, int]]:
        """Name spans: runs of person tokens (joined across a ``・`` between two of them)."""
        flags = _rule_flags(tokens, rule_spans)
        person = [self.score(tokens, i, flags[i]) > self.threshold for i in range(len(tokens))]
        spans: list[tuple[int, int]] = []
        for i, tok in enumerate(tokens):
            if not person[i]:
                continue
            joined = (
                spans
                and i >= 2
                and person[i - 2]
                and tokens[i - 1].surface in ("・", "=")
                and tokens[i - 1].end == tok.begin
            )
            if spans and (spans[-1][1] == tok.begin or joined):
                spans[-1] = (spans[-1][0], tok.end)
            else:
                spans.append((tok.begin, tok.end))
        return spans


def _rule_flags(
    tokens: Sequence[TokenLike], rule_spans: Sequence[tuple[int, int, float]]
) -> list[bool]:
    flags = [False] * len(tokens)
    j = 0
    ordered = sorted(rule_spans)
    for i, tok in enumerate(tokens):
        while j < len(ordered) and ordered[j][1] <= tok.begin:
            j += 1
        flags[i] = j < len(ordered) and ordered[j][0] <= tok.begin and tok.end <= ordered[j][1]
    return flags


@lru_cache(maxsize=1)
def load_tagger() -> PersonTagger | None:
    """The shipped tagger, or ``None`` when the package has no weights file."""
    path = resources.files("guardrails.pii") / WEIGHTS_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return PersonTagger(dict(data["weights"]), float(data.get("threshold", 0.0)))


def train(
    examples: Sequence[tuple[Sequence[TokenLike], list[bool], list[bool]]], epochs: int = 8
) -> dict[str, float]:
    """Averaged perceptron over ``(tokens, rule flags, gold labels)`` sentences."""
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    step = 0
    for epoch in range(epochs):
        order = sorted(range(len(examples)), key=lambda k: _shuffle_key(k, epoch))
        for k in order:
            tokens, flags, gold = examples[k]
            for i in range(len(tokens)):
                step += 1
                feats = features(tokens, i, flags[i])
                guess = sum(weights.get(f, 0.0) for f in feats) > 0
                if guess == gold[i]:
                    continue
                delta = 1.0 if gold[i] else -1.0
                for f in feats:
                    totals[f] += (step - stamps[f]) * weights[f]
                    stamps[f] = step
                    weights[f] += delta
    averaged = {}
    for f, w in weights.items():
        total = totals[f] + (step - stamps[f]) * w
        if abs(total / step) > 1e-4:
            averaged[f] = round(total / step, 5)
    return averaged


def _shuffle_key(k: int, epoch: int) -> bytes:
    return hashlib.blake2b(f"{epoch}:{k}".encode(), digest_size=8).digest()


def main(argv: Sequence[str]) -> None:
    """Train on a stockmark-format JSON file's ``dev`` half; write the weights file.

    ``python -m guardrails.pii.ja_person_model ../shared/data/ja_ner/<file>.json``
    """
    from guardrails.japanese import tokenize
    from guardrails.normalise import normalise
    from guardrails.pii.recognizers_ja import Token, person_spans, person_tokenizer

    records = json.loads(open(argv[0], encoding="utf-8").read())
    # "--half a": train on one half of dev only, to choose features and the threshold on
    # the other half.
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    half = options.get("--half")
    threshold = float(options.get("--threshold", THRESHOLD))
    examples = []
    tok = person_tokenizer()
    for rec in records:
        if not _is_dev(rec["curid"]):
            continue
        if half is not None and _dev_half(rec["curid"]) != half:
            continue
        text = normalise(rec["text"]).text  # the corpus has no disguises: offsets unchanged
        tokens = [
            Token(o + m.begin(), o + m.end(), m.surface(), tuple(m.part_of_speech()), m.is_oov())
            for o, m in tokenize(text, tok)
        ]
        gold_spans = [e["span"] for e in rec["entities"] if e["type"] == "人名"]
        gold = [any(s < t.end and t.begin < e for s, e in gold_spans) for t in tokens]
        examples.append((tokens, _rule_flags(tokens, person_spans(text, tokens)), gold))
    weights = train(examples)
    out = resources.files("guardrails.pii") / WEIGHTS_FILE
    with open(str(out), "w", encoding="utf-8") as fh:
        json.dump(
            {"threshold": threshold, "weights": weights}, fh, ensure_ascii=False, sort_keys=True
        )
    sys.stdout.write(f"{len(examples)} sentences, {len(weights)} weights -> {out}\n")


def _dev_half(curid: str) -> str:
    return "a" if hashlib.blake2b(curid.encode(), digest_size=8).digest()[1] % 2 == 0 else "b"


def _is_dev(curid: str) -> bool:
    """The corpus split ``benchmarks/pii.py`` uses: dev when the hash's first byte is even."""
    return hashlib.blake2b(curid.encode(), digest_size=8).digest()[0] % 2 == 0


if __name__ == "__main__":
    main(sys.argv[1:])
