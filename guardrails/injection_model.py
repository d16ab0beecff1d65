"""A small learned prompt-injection classifier: logistic regression over hashed character n-grams.

Character n-grams (1 to 5 characters of folded text) work for English and Japanese alike and
need no tokenizer. Each n-gram is hashed into ``2**BITS`` buckets; a text's feature vector is
its bucket counts divided by the square root of its n-gram count, plus one bucket for its
length (a short window needs stronger evidence than a long one). The weights
(``guardrails/data/injection_model.npz``, a few MB, shipped in the wheel) are trained by
``benchmarks/injection_train.py`` on the dev parts of the public corpora only.

Customer emails are long and an attack may be one sentence of them, so a text is scored on
windows of one to three consecutive sentences and as a whole; its score is the highest.
Prefix sums of the per-n-gram weights make every window cost O(1) after one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from guardrails.injection_fold import fold

BITS = 20
NGRAM_SIZES = (1, 2, 3, 4, 5)
MAX_WINDOW_SENTENCES = 3
_MULTIPLIER = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - BITS)
_SPACES = re.compile(r"\s+")
# Sentence ends in both languages, and line breaks (emails put one thought per line).
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")
_MODEL_FILE = "injection_model.npz"
_LENGTH_BUCKETS = 24

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def prepare(text: str) -> str:
    """Folded ``text`` with whitespace runs collapsed (line breaks kept as sentence ends)."""
    lines = (_SPACES.sub(" ", line).strip() for line in fold(text).split("\n"))
    return "\n".join(line for line in lines if line)


def ngram_buckets(text: str) -> list[IntArray]:
    """For each n in NGRAM_SIZES, the bucket of the n-gram starting at every position.

    ``text`` should already be :func:`prepare`-d. The hash is a fixed polynomial over code
    points (not Python's salted ``hash``), so buckets are the same in every process.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    out = []
    with np.errstate(over="ignore"):
        for n in NGRAM_SIZES:
            count = len(codes) - n + 1
            if count <= 0:
                out.append(np.zeros(0, dtype=np.int64))
                continue
            h = codes[:count] + np.uint64(n)
            for k in range(1, n):
                h = h * _MULTIPLIER + codes[k : k + count]
            h = (h ^ (h >> np.uint64(29))) * _MIX
            out.append((h >> _SHIFT).astype(np.int64))
    return out


def length_bucket(ngram_count: int) -> int:
    """A reserved bucket per power-of-two window size: short windows need more evidence."""
    return (1 << BITS) - 1 - min(ngram_count.bit_length(), _LENGTH_BUCKETS - 1)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence or line of a prepared text."""
    bounds = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = max(start, m.end())
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


@dataclass(frozen=True)
class Scored:
    """The best-scoring window of a text: its probability and where it is (prepared text)."""

    probability: float
    start: int
    end: int
    text: str  # the prepared text the offsets index


@dataclass(frozen=True)
class InjectionModel:
    """Weights and bias of the logistic regression, and the threshold tuned on dev data."""

    weights: npt.NDArray[np.float32]
    bias: float
    threshold: float

    @classmethod
    def load(cls) -> InjectionModel:
        """The model shipped in ``guardrails/data`` (cached: loaded once per process)."""
        return _load_packaged()

    def score(self, text: str) -> Scored:
        """The highest probability over the text's sentence windows and the whole text."""
        prepared = prepare(text)
        buckets = ngram_buckets(prepared)
        # prefix[n][i] = sum of weights of the n-grams starting before position i.
        prefix = [
            np.concatenate(([0.0], np.cumsum(self.weights[b], dtype=np.float64))) for b in buckets
        ]
        bounds = sentence_bounds(prepared)
        windows = {(0, len(prepared))}
        for i in range(len(bounds)):
            for j in range(i, min(i + MAX_WINDOW_SENTENCES, len(bounds))):
                windows.add((bounds[i][0], bounds[j][1]))
        best = Scored(0.0, 0, 0, prepared)
        for start, end in windows:
            total = 0.0
            count = 0
            for n, sums in zip(NGRAM_SIZES, prefix, strict=True):
                last = end - n + 1
                if last > start:
                    total += float(sums[last] - sums[start])
                    count += last - start
            if count == 0:
                continue
            total += float(self.weights[length_bucket(count)])
            count += 1
            probability = 1.0 / (1.0 + np.exp(-(self.bias + total / np.sqrt(count))))
            if probability > best.probability:
                best = Scored(float(probability), start, end, prepared)
        return best

    def is_injection(self, text: str) -> Scored | None:
        """The best window when it reaches the threshold, else None."""
        scored = self.score(text)
        return scored if scored.probability >= self.threshold else None


@lru_cache(maxsize=1)
def _load_packaged() -> InjectionModel:
    with resources.files("guardrails.data").joinpath(_MODEL_FILE).open("rb") as handle:
        data = np.load(handle)
        return InjectionModel(
            weights=data["weights"].astype(np.float32),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )


def features(text: str) -> tuple[IntArray, float]:
    """Training view of a text: all its n-gram buckets and the value each occurrence adds."""
    flat = np.concatenate(ngram_buckets(prepare(text)))
    if len(flat) == 0:
        return flat, 0.0
    flat = np.append(flat, length_bucket(len(flat)))
    return flat, 1.0 / float(np.sqrt(len(flat)))
