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
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Protocol

WEIGHTS_FILE = "ja_person_weights.json"
# Chosen on the second half of dev with weights trained on the first half (best balance of
# recall and precision there); more negative finds more names and more non-names.
THRESHOLD = -3.0
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


@lru_cache(maxsize=65536)
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


Ranks = Callable[[str], tuple[int, int]]  # a word's rank as a first and as a last name


def _no_ranks(word: str) -> tuple[int, int]:
    return (NO_RANK, NO_RANK)


NO_RANK = 1_000_000


def _bucket(rank: int) -> str:
    return next((str(b) for b in (300, 3000, 30000) if rank <= b), "none")


def _own(
    surface: str, tag: str, pos4: str, oov: bool, by_rule: bool, ranks: tuple[int, int]
) -> list[str]:
    kind = _char_type(surface)
    first, last = _bucket(ranks[0]), _bucket(ranks[1])
    return [
        f"first={first}/{kind}",
        f"lastname={last}/{kind}",
        f"names={first}/{last}/{tag}",
        "bias",
        f"rule={by_rule}",
        f"rule+pos={by_rule}/{tag}",
        f"pos={tag}",
        f"pos4={pos4}",
        f"type={kind}",
        f"type+pos={kind}/{tag}",
        f"len={min(len(surface), 6)}/{kind}",
        f"w={surface}",
        f"oov={oov}/{kind}",
        f"pre2={surface[:2]}/{kind}",
        f"suf2={surface[-2:]}/{kind}",
        f"last={surface[-1]}/{kind}",
    ]


def _neighbour(side: str, surface: str, tag: str, oov: str) -> list[str]:
    return [
        f"{side}={tag}",
        f"{side}_w={surface}",
        f"{side}_last={surface[-1]}",
        f"{side}_oov={oov}",
    ]


def _pair(kind: str, prev_w: str, next_w: str, prev_tag: str, next_tag: str) -> list[str]:
    return [
        f"next_w+type={next_w}/{kind}",
        f"prev_w+type={prev_w}/{kind}",
        f"around={prev_tag}|{next_tag}",
    ]


def _parts(
    tokens: Sequence[TokenLike], i: int, by_rule: bool, ranks: Ranks = _no_ranks
) -> tuple[
    tuple[str, str, str, bool, bool, tuple[int, int]],
    tuple[str, str, str, str],
    tuple[str, str, str, str],
    tuple[str, str],
    tuple[str, str, str, str, str],
]:
    tok = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev2 = tokens[i - 2] if i > 1 else None
    nxt2 = tokens[i + 2] if i + 2 < len(tokens) else None
    tag = _tag(tok)
    prev_tag, next_tag = _tag(prev), _tag(nxt)
    prev_w = prev.surface if prev else "EDGE"
    next_w = nxt.surface if nxt else "EDGE"
    return (
        (tok.surface, tag, "/".join(tok.pos[:4]), tok.oov, by_rule, ranks(tok.surface)),
        ("prev", prev_w, prev_tag, str(prev.oov) if prev else "EDGE"),
        ("next", next_w, next_tag, str(nxt.oov) if nxt else "EDGE"),
        (_tag(prev2), _tag(nxt2)),
        (_char_type(tok.surface), prev_w, next_w, prev_tag, next_tag),
    )


def _far(prev2_tag: str, next2_tag: str) -> list[str]:
    return [f"prev2={prev2_tag}", f"next2={next2_tag}"]


def features(
    tokens: Sequence[TokenLike], i: int, by_rule: bool, ranks: Ranks = _no_ranks
) -> list[str]:
    """Feature names of token ``i``.

    ``by_rule``: inside a rule-based name span; ``ranks``: a word's popularity as a first and
    last name (``names.NameLexicon.name_ranks``).
    """
    own, prev, nxt, far, pair = _parts(tokens, i, by_rule, ranks)
    return _own(*own) + _neighbour(*prev) + _neighbour(*nxt) + _far(*far) + _pair(*pair)


class PersonTagger:
    """Per-token person/not-person decisions from learned weights.

    A token's score is the sum of its feature weights, computed in parts (the token itself,
    each neighbour, the pair around it) that are memoised: words and tags repeat, so a long
    text costs a few dictionary look-ups per token.
    """

    def __init__(
        self, weights: dict[str, float], threshold: float = 0.0, ranks: Ranks = _no_ranks
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        self.ranks = ranks
        self._own = lru_cache(maxsize=65536)(self._summed(_own))
        self._neighbour = lru_cache(maxsize=65536)(self._summed(_neighbour))
        self._far = lru_cache(maxsize=4096)(self._summed(_far))
        self._pair = lru_cache(maxsize=65536)(self._summed(_pair))

    def _summed(self, part: Callable[..., list[str]]) -> Callable[..., float]:
        weights = self.weights

        def total(*args: object) -> float:
            return sum(weights.get(f, 0.0) for f in part(*args))

        return total

    def score(self, tokens: Sequence[TokenLike], i: int, by_rule: bool) -> float:
        """The token's score (above ``threshold``: part of a person's name)."""
        own, prev, nxt, far, pair = _parts(tokens, i, by_rule, self.ranks)
        return (
            self._own(*own)
            + self._neighbour(*prev)
            + self._neighbour(*nxt)
            + self._far(*far)
            + self._pair(*pair)
        )

    def scores(self, tokens: Sequence[TokenLike], flags: Sequence[bool]) -> list[float]:
        """:meth:`score` of every token, each token's parts computed once."""
        edge = ("EDGE", "EDGE", "EDGE")
        words = [(t.surface, _tag(t), str(t.oov)) for t in tokens]
        padded = [edge, edge, *words, edge, edge]
        out = []
        for i, tok in enumerate(tokens):
            surface, tag, _ = words[i]
            prev_w, prev_tag, prev_oov = padded[i + 1]
            next_w, next_tag, next_oov = padded[i + 3]
            out.append(
                self._own(
                    surface, tag, "/".join(tok.pos[:4]), tok.oov, flags[i], self.ranks(surface)
                )
                + self._neighbour("prev", prev_w, prev_tag, prev_oov)
                + self._neighbour("next", next_w, next_tag, next_oov)
                + self._far(padded[i][1], padded[i + 4][1])
                + self._pair(_char_type(surface), prev_w, next_w, prev_tag, next_tag)
            )
        return out

    def spans(
        self, tokens: Sequence[TokenLike], rule_spans: Sequence[tuple[int, int, float]]
    ) -> list[tuple[int, int]]:
        """Name spans: runs of person tokens (joined across a ``・`` between two of them)."""
        flags = _rule_flags(tokens, rule_spans)
        person = [score > self.threshold for score in self.scores(tokens, flags)]
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
def _weights() -> tuple[dict[str, float], float] | None:
    path = resources.files("guardrails.pii") / WEIGHTS_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["weights"]), float(data.get("threshold", 0.0))


def load_tagger(ranks: Ranks = _no_ranks) -> PersonTagger | None:
    """The shipped tagger reading name ranks from ``ranks``; ``None`` without weights."""
    loaded = _weights()
    return None if loaded is None else PersonTagger(loaded[0], loaded[1], ranks)


def train(
    examples: Sequence[tuple[Sequence[TokenLike], list[bool], list[bool]]],
    epochs: int = 8,
    ranks: Ranks = _no_ranks,
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
                feats = features(tokens, i, flags[i], ranks)
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
    from guardrails.pii.names import NameLexicon
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
    lexicon = NameLexicon.load()
    weights = train(examples, ranks=lexicon.name_ranks)
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
