"""A small learned prompt-injection classifier: logistic regression over hashed character n-grams.

Character n-grams (1 to 5 characters of folded text) work for English and Japanese alike and
need no tokenizer. Word unigrams and bigrams (runs of Latin letters and digits; for Japanese,
SudachiPy's normalised forms, so 教えて and 教えろ are one word; bigrams only within a sentence)
add context a 5-character window cannot see: "your instructions" and
"your stores" share their first five characters. Each feature is hashed into ``2**BITS``
buckets; a text's feature vector is its bucket counts divided by the square root of its
feature count, plus one bucket for its length (a short window needs stronger evidence than a
long one). The weights
(``guardrails/data/injection_model.npz``, a few MB, shipped in the wheel) are trained by
``benchmarks/injection_train.py`` on the dev parts of the public corpora only.

Customer emails are long and an attack may be one sentence of them, so a text is scored on
windows of one to three consecutive sentences and as a whole; its score is the highest.
Prefix sums of the per-n-gram weights make every window cost O(1) after one pass over the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from guardrails.injection_fold import fold
from guardrails.japanese import tokenize

BITS = 20
NGRAM_SIZES = (1, 2, 3, 4, 5)
MAX_WINDOW_SENTENCES = 3
_MULTIPLIER = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - BITS)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words joined by spaces only (no sentence end between them) form a bigram.
_BIGRAM_GAP = re.compile(r" ?")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_TOKEN = re.compile(r"[a-z0-9']+")
# Punctuation and spaces carry no word of their own.
_SKIPPED_POS = frozenset({"補助記号", "空白"})
_JAPANESE_SHARE = 5  # a window is Japanese when 1 character in 5 is kana or kanji
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


@lru_cache(maxsize=65_536)  # a pure function of short strings; hashing was a hot spot
def _word_bucket(kind: str, token: str) -> int:
    digest = hashlib.blake2b(f"{kind}:{token}".encode(), digest_size=8).digest()
    # The top buckets are reserved for length_bucket.
    return int.from_bytes(digest, "little") % ((1 << BITS) - _LENGTH_BUCKETS)


@lru_cache(maxsize=4096)
def _japanese_forms(sentence: str) -> tuple[tuple[int, str], ...]:
    """(offset, normalised form) of the Japanese words of one sentence (Latin runs left out)."""
    return tuple(
        (offset + morpheme.begin(), morpheme.normalized_form())
        for offset, morpheme in tokenize(sentence)
        if morpheme.part_of_speech()[0] not in _SKIPPED_POS
        and not _LATIN_TOKEN.fullmatch(morpheme.surface())
    )


def word_features(text: str) -> tuple[IntArray, IntArray]:
    """(start positions, buckets) of the word unigrams and in-sentence bigrams of ``text``.

    ``text`` should already be :func:`prepare`-d. A feature never crosses a sentence end, so it
    belongs to a sentence window exactly when its start lies inside the window.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    positions: list[int] = []
    buckets: list[int] = []
    for start, end in sentence_bounds(text):
        if _JAPANESE.search(text, start, end):
            forms = _japanese_forms(text[start:end])
            for i, (offset, form) in enumerate(forms):
                positions.append(start + offset)
                buckets.append(_word_bucket("j", form))
                if i + 1 < len(forms):
                    positions.append(start + offset)
                    buckets.append(_word_bucket("jb", f"{form} {forms[i + 1][1]}"))
    for i, (start, end, word) in enumerate(words):
        positions.append(start)
        buckets.append(_word_bucket("w", word))
        if i + 1 < len(words):
            next_start, _, next_word = words[i + 1]
            if _BIGRAM_GAP.fullmatch(text, end, next_start):
                positions.append(start)
                buckets.append(_word_bucket("b", f"{word} {next_word}"))
    order = np.argsort(np.array(positions, dtype=np.int64), kind="stable")
    return (
        np.array(positions, dtype=np.int64)[order],
        np.array(buckets, dtype=np.int64)[order],
    )


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
    """Weights and bias of the logistic regression, and the thresholds tuned on dev data.

    ``threshold`` applies to English (and other non-Japanese) windows, ``threshold_ja`` to
    windows that are mostly Japanese: the two languages' scores are calibrated apart, each on
    its own clean dev texts (None: ``threshold`` for both).
    """

    weights: npt.NDArray[np.float32]
    bias: float
    threshold: float
    threshold_ja: float | None = None

    @classmethod
    def load(cls) -> InjectionModel:
        """The model shipped in ``guardrails/data`` (cached: loaded once per process)."""
        return _load_packaged()

    def score(self, text: str) -> Scored:
        """The highest probability over the text's sentence windows and the whole text."""
        best = Scored(0.0, 0, 0, "")
        for scored in self.windows(text):
            if scored.probability > best.probability:
                best = scored
        return best

    def threshold_for(self, window: str) -> float:
        """The threshold of the window's language (Japanese when a fifth of it is Japanese)."""
        if self.threshold_ja is None or not window:
            return self.threshold
        japanese = len(_JAPANESE.findall(window))
        return self.threshold_ja if japanese * _JAPANESE_SHARE >= len(window) else self.threshold

    def windows(self, text: str) -> list[Scored]:
        """The probability of every sentence window of ``text`` (1-3 sentences) and of the whole."""
        prepared = prepare(text)
        buckets = ngram_buckets(prepared)
        # prefix[n][i] = sum of weights of the n-grams starting before position i.
        prefix = [
            np.concatenate(([0.0], np.cumsum(self.weights[b], dtype=np.float64))) for b in buckets
        ]
        word_positions, word_buckets = word_features(prepared)
        word_prefix = np.concatenate(
            ([0.0], np.cumsum(self.weights[word_buckets], dtype=np.float64))
        )
        bounds = sentence_bounds(prepared)
        windows = {(0, len(prepared))}
        for i in range(len(bounds)):
            for j in range(i, min(i + MAX_WINDOW_SENTENCES, len(bounds))):
                windows.add((bounds[i][0], bounds[j][1]))
        scored = []
        for start, end in sorted(windows):
            total = 0.0
            count = 0
            for n, sums in zip(NGRAM_SIZES, prefix, strict=True):
                last = end - n + 1
                if last > start:
                    total += float(sums[last] - sums[start])
                    count += last - start
            first_word, end_word = np.searchsorted(word_positions, (start, end))
            total += float(word_prefix[end_word] - word_prefix[first_word])
            count += int(end_word - first_word)
            if count == 0:
                continue
            total += float(self.weights[length_bucket(count)])
            count += 1
            probability = 1.0 / (1.0 + np.exp(-(self.bias + total / np.sqrt(count))))
            scored.append(Scored(float(probability), start, end, prepared))
        return scored

    def is_injection(self, text: str) -> Scored | None:
        """The window furthest above its language's threshold, or None when none reaches it."""
        best: Scored | None = None
        best_margin = 0.0
        for scored in self.windows(text):
            margin = scored.probability - self.threshold_for(scored.text[scored.start : scored.end])
            if margin >= 0.0 and (best is None or margin > best_margin):
                best, best_margin = scored, margin
        return best


@lru_cache(maxsize=1)
def _load_packaged() -> InjectionModel:
    with resources.files("guardrails.data").joinpath(_MODEL_FILE).open("rb") as handle:
        data = np.load(handle)
        return InjectionModel(
            weights=data["weights"].astype(np.float32),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            threshold_ja=float(data["threshold_ja"]) if "threshold_ja" in data else None,
        )


def features(text: str) -> tuple[IntArray, float]:
    """Training view of a text: all its n-gram buckets and the value each occurrence adds."""
    prepared = prepare(text)
    flat = np.concatenate([*ngram_buckets(prepared), word_features(prepared)[1]])
    if len(flat) == 0:
        return flat, 0.0
    flat = np.append(flat, length_bucket(len(flat)))
    return flat, 1.0 / float(np.sqrt(len(flat)))
