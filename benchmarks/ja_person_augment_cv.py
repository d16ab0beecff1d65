"""Entity-substitution augmentation for the Japanese person tagger, measured by CV inside dev.

Run: ``python benchmarks/ja_person_augment_cv.py`` (after ``pip install python-crfsuite``;
~10 minutes per setting with one copy on an idle core). Settings come from ``JA_AUG_GRID``
(space-separated ``k:dropout:c1:c2:orgloc[:persons[:mix]]``): ``k`` substituted copies of
every training sentence; ``dropout`` the chance a person token of a copy has its
word-identity features (its own surface, prefix and suffix, and the neighbours' features
naming it) replaced by ``UNK``; ``orgloc`` 1 to substitute organisation and place spans;
``persons`` 0 to leave person spans as written; ``mix`` the chance a person is replaced by
another training-fold person of the same shape instead of a dictionary name (and then
katakana dictionary names are only those Sudachi reads as a person's name or does not
know). ``JA_AUG_SEED`` seeds the copies, ``JA_CV_THRESHOLDS`` lists the person thresholds;
``JA_LABELS=bio`` and ``JA_POSSIBLE_STATES=1`` change the CRF's labels and feature set
(``ja_person_train``).
Each setting's pooled figures are printed and appended to ``JA_AUG_OUT`` (by default
``benchmarks/results/ja_person_augment_cv.json``, which holds the recorded table).

The idea: the tagger fitted on all of dev scores 0.988 / 0.979 on it and 0.877 / 0.853 out
of fold, so it memorises names. Each training sentence is copied ``k`` times with every
person span replaced by another name of the same shape (a kanji full name or lone surname,
a katakana name or ``A・B`` foreign name, a name with kana) from the shipped names
dictionary (``guardrails/pii/ja_name_gazetteer.tsv.gz``, JMnedict), so the same context is
seen with names the model cannot have memorised. With ``orgloc``, an organisation or place
span ending in a common noun or suffix (電力, 銀行, 党: Sudachi's short units) keeps that
ending and gets another stem (a surname, a katakana place or company name), and other
organisation and place spans are replaced by a katakana company or place name of the
dictionary or another span of their kind from the training folds: that is what teaches
``<surname>銀行`` is no person. The copies are re-tokenised and their features recomputed.

No leak across folds: only the training folds' sentences are copied, and no substitute (nor
any part of one) is a name, or a token of a name, of the held-out fold.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ja_person_train import (  # noqa: E402
    FOLDS,
    KIND,
    LABELS,
    POSSIBLE_STATES,
    Sentence,
    _tagger,
    fold_of,
    train,
)
from pii import JA_SET, _figures, _score, ja_split  # noqa: E402
from sudachipy import SplitMode  # noqa: E402

from guardrails.pii.ja_gazetteer import GAZETTEER_FILE  # noqa: E402
from guardrails.pii.ja_person_model import PERSON  # noqa: E402
from guardrails.pii.names import NameLexicon  # noqa: E402
from guardrails.pii.recognizers_ja import (  # noqa: E402
    _core_dictionary,
    _pos_of,
    name_spans,
    person_tokenizer,
)

RESULTS = Path(
    os.environ.get("JA_AUG_OUT", ROOT / "benchmarks" / "results" / "ja_person_augment_cv.json")
)
_KATA = re.compile(r"^[ァ-ヴー]+$")
_KANJI = re.compile(r"^[一-龯々〆ヶ]+$")
_SEPARATOR = re.compile(r"[・=＝]")
# Features that carry a word's identity: its own surface and its neighbours' (see
# ``ja_person_model``). Dropout turns the value naming a substituted name token into UNK.
_IDENTITY = (
    "w",
    "prev_w",
    "next_w",
    "prev2_w",
    "next2_w",
    "prev_w+type",
    "next_w+type",
    "prev_w+pos",
    "next_w+pos",
    "compound_prev_w",
    "compound_next_w",
    "pre1",
    "suf1",
    "suf2",
)


def shape(name: str) -> str:
    """The written shape of a person's name, which its substitute keeps."""
    if _SEPARATOR.search(name):
        parts = _SEPARATOR.split(name)
        return "kata_full" if all(_KATA.match(p) for p in parts if p) else "keep"
    if _KATA.match(name):
        return "kata_single"
    if re.search(r"[ぁ-ゖ]", name):
        return "kana"
    if _KANJI.match(name):
        return "kanji_single" if len(name) <= 2 else "kanji_full"
    return "keep"


class Pools:
    """Substitute names from the shipped names dictionary, by shape."""

    def __init__(self, rows: list[tuple[str, str]] | None = None, sample: int = 30000) -> None:
        """From ``rows`` (word, kinds), by default the shipped gazetteer's."""
        if rows is None:
            path = ROOT / "guardrails" / "pii" / GAZETTEER_FILE
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            rows = [(w, k) for w, k in (line.split("\t", 1) for line in text.splitlines())]
        self.kata_person = [w for w, k in rows if _KATA.match(w) and set(k) & {"P", "U"}]
        self.kata_place = [w for w, k in rows if _KATA.match(w) and k == "L"]
        self.kata_org = [w for w, k in rows if _KATA.match(w) and k == "O"]
        full = sorted(w for w, k in rows if k == "F")
        self.kana_full = [w for w in full if re.search(r"[ぁ-ゖ]", w)]
        # Kanji full names cut by Sudachi into a surname and a given name (a sample: the
        # split costs a tokenisation per name).
        rng = random.Random(7)
        kanji = [w for w in full if _KANJI.match(w)]
        tok = person_tokenizer()
        self.kanji_pairs: list[tuple[str, str]] = []
        for name in rng.sample(kanji, min(sample, len(kanji))):
            ms = list(tok.tokenize(name))
            if len(ms) != 2:
                continue
            a, b = (_pos_of(m.part_of_speech_id()) for m in ms)
            # A one-character surname is more often a mis-cut than a surname (伊|佐絵).
            ok = len(ms[0].surface()) >= 2
            if ok and a[2:4] == ("人名", "姓") and b[2:4] == ("人名", "名"):
                self.kanji_pairs.append((ms[0].surface(), ms[1].surface()))
        self.surnames = sorted({s for s, _ in self.kanji_pairs})
        # Katakana names Sudachi reads as one person's name or does not know: most katakana
        # names of the corpus are read so, and a substitute Sudachi takes for a common noun
        # (a word that is also a name) teaches that common nouns are people.
        self.kata_named = []
        for w in self.kata_person:
            ms = list(tok.tokenize(w))
            if len(ms) == 1 and (ms[0].is_oov() or _pos_of(ms[0].part_of_speech_id())[2] == "人名"):
                self.kata_named.append(w)
        self.short_surnames = [s for s in self.surnames if len(s) <= 2]


def held_names(sentences: Sequence[Sentence]) -> set[str]:
    """Every person name of ``sentences``, its ``・`` parts and its Sudachi tokens."""
    out: set[str] = set()
    for s in sentences:
        for a, b in s.gold:
            name = s.text[a:b]
            out.add(name)
            out.update(p for p in _SEPARATOR.split(name) if p)
            out.update(t.surface for t in s.tokens if a <= t.begin and t.end <= b)
    return out


class Substituter:
    """Builds augmented copies of training records (one fold's: nothing held out leaks)."""

    def __init__(
        self,
        pools: Pools,
        banned: set[str],
        train_records: list[dict[str, object]],
        mix: float = 0.0,
    ) -> None:
        self.pools = pools
        self.banned = banned
        # ``mix``: the chance a person is replaced by another training-fold person of the
        # same shape (real names, as often in the dictionary and in Sudachi's as on unseen
        # text), and katakana substitutes come from ``Pools.kata_named``.
        self.mix = mix
        self.names: dict[str, list[str]] = {}
        # Other spans of each kind from the training folds (organisations, places).
        self.spans: dict[str, list[str]] = {"ORG": [], "LOC": []}
        for rec in train_records:
            entities = rec["entities"]
            assert isinstance(entities, list)
            for e in entities:
                kind = KIND[e["type"]]
                if kind in self.spans and e["name"] not in banned:
                    self.spans[kind].append(e["name"])
                parts = {e["name"], *_SEPARATOR.split(e["name"])}
                if kind == PERSON and not parts & banned:
                    self.names.setdefault(shape(e["name"]), []).append(e["name"])
        self.split = _core_dictionary().tokenizer(mode=SplitMode.A)

    def _pick(self, rng: random.Random, pool: Sequence[str], *fallbacks: Sequence[str]) -> str:
        """A word of ``pool`` (of the first non-empty fallback) that is not held out."""
        pool = next((p for p in (pool, *fallbacks) if p), pool)
        while True:
            w = rng.choice(pool)
            if w not in self.banned:
                return w

    def _pair(self, rng: random.Random, length: int) -> tuple[str, str]:
        while True:
            s, g = rng.choice(self.pools.kanji_pairs)
            if s in self.banned or g in self.banned or s + g in self.banned:
                continue
            # Close to the original's length (a 4-character name stays about 4 characters).
            if abs(len(s + g) - length) <= 1 or rng.random() < 0.2:
                return s, g

    def _real(self, rng: random.Random, name: str, kind: str, memo: dict[str, str]) -> str:
        """Another training-fold person's name of the same shape."""
        out = rng.choice(self.names[kind])
        for k in (2, 1, 3):
            if kind == "kanji_full" and len(name) > k:
                memo.setdefault(name[:k], out[:k])
        if kind == "kata_full":
            for p, n in zip(_SEPARATOR.split(name), _SEPARATOR.split(out), strict=False):
                memo.setdefault(p, n)
        memo[name] = out
        return out

    def person(self, rng: random.Random, name: str, memo: dict[str, str]) -> str:
        """A substitute of the same shape; parts seen before in the sentence map alike."""
        if name in memo:
            return memo[name]
        kind = shape(name)
        if kind != "keep" and self.names.get(kind) and rng.random() < self.mix:
            return self._real(rng, name, kind, memo)
        out = name
        kata = self.pools.kata_named if self.mix else self.pools.kata_person
        if kind == "kata_full":
            parts = [p for p in _SEPARATOR.split(name) if p]
            sep = _SEPARATOR.search(name)
            assert sep is not None
            new = [memo.get(p) or self._pick(rng, kata) for p in parts]
            for p, n in zip(parts, new, strict=True):
                memo.setdefault(p, n)
            out = sep.group(0).join(new)
        elif kind == "kata_single":
            out = self._pick(rng, kata)
        elif kind == "kana":
            out = self._pick(rng, self.pools.kana_full)
        elif kind == "kanji_single":
            out = self._pick(rng, self.pools.short_surnames)
        elif kind == "kanji_full":
            s, g = self._pair(rng, len(name))
            # A surname used alone later in the sentence follows its full name.
            for k in (2, 1, 3):
                if len(name) > k:
                    memo.setdefault(name[:k], s)
            out = s + g
        memo[name] = out
        return out

    def other(self, rng: random.Random, kind: str, name: str) -> str:
        """An organisation or place substitute; a common-noun ending (電力, 党) is kept."""
        units = [m.surface() for m in self.split.tokenize(name)]
        if len(units) >= 2:
            last = list(self.split.tokenize(units[-1]))[0]
            pos = _pos_of(last.part_of_speech_id())
            if (pos[0] == "接尾辞" or pos[1] == "普通名詞") and _KANJI.match(units[-1]):
                roll = rng.random()
                stem = (
                    self._pick(rng, self.pools.surnames)
                    if roll < 0.4
                    else self._pick(rng, self.pools.kata_place)
                    if roll < 0.7
                    else self._pick(rng, self.spans["LOC"], self.pools.kata_place)
                )
                return stem + units[-1]
        mine = self.pools.kata_org if kind == "ORG" else self.pools.kata_place
        if rng.random() < 0.5:
            return self._pick(rng, self.spans[kind], mine)
        return self._pick(rng, mine)

    def copy(
        self, rng: random.Random, rec: dict[str, object], orgloc: bool, persons: bool = True
    ) -> dict[str, object]:
        """``rec`` with its person (and organisation/place) spans substituted."""
        text = str(rec["text"])
        entities = rec["entities"]
        assert isinstance(entities, list)
        memo: dict[str, str] = {}
        out, pos, new_entities = [], 0, []
        for e in sorted(entities, key=lambda e: e["span"][0]):
            a, b = e["span"]
            kind = KIND[e["type"]]
            name = text[a:b]
            if kind == PERSON and persons:
                new = self.person(rng, name, memo)
            elif orgloc and kind in ("ORG", "LOC"):
                new = self.other(rng, kind, name)
            else:
                new = name
            out.append(text[pos:a])
            start = sum(map(len, out))
            out.append(new)
            new_entities.append({"name": new, "span": [start, start + len(new)], "type": e["type"]})
            pos = b
        out.append(text[pos:])
        return {"curid": rec["curid"], "text": "".join(out), "entities": new_entities}


def dropout(sentence: Sentence, rate: float, rng: random.Random) -> None:
    """Turn a person token's word-identity features (its own and its neighbours') into UNK."""
    if rate <= 0:
        return
    for i, (tok, label) in enumerate(zip(sentence.tokens, sentence.labels, strict=True)):
        if label != PERSON or rng.random() >= rate:
            continue
        s = tok.surface
        for j in range(max(0, i - 2), min(len(sentence.tokens), i + 3)):
            feats = sentence.features[j]
            for n, f in enumerate(feats):
                template, _, value = f.partition("=")
                if template not in _IDENTITY:
                    continue
                if template in ("pre1", "suf1", "suf2"):
                    if j == i:
                        feats[n] = f"{template}=UNK/{value.rsplit('/', 1)[-1]}"
                    continue
                if value == s or value.startswith(s + "/"):
                    feats[n] = f"{template}=UNK{value[len(s) :]}"


def augmented(
    sub: Substituter,
    records: list[dict[str, object]],
    copies: int,
    orgloc: bool,
    rate: float,
    ranks: object,
    seed: int,
    persons: bool = True,
) -> list[Sentence]:
    """``copies`` substituted copies of each record, tokenised and featurised."""
    out = []
    for c in range(copies):
        for rec in records:
            rng = random.Random(f"{seed}:{c}:{rec['curid']}:{rec['text']}")
            s = Sentence(sub.copy(rng, rec, orgloc, persons), ranks)
            dropout(s, rate, rng)
            out.append(s)
    return out


# The shipped setting, chosen by the CV table: two copies of each dev sentence with its
# organisation and place spans substituted, persons as written, no dropout.
SHIP_COPIES = 2
SHIP_SEED = 0


def shipped_copies(records: list[dict[str, object]], ranks: object) -> list[Sentence]:
    """The copies the shipped weights learn from besides the dev sentences themselves."""
    sub = Substituter(Pools(), set(), records)
    return augmented(sub, records, SHIP_COPIES, True, 0.0, ranks, SHIP_SEED, persons=False)


def cross_validate(
    records: list[dict[str, object]],
    dev: list[Sentence],
    pools: Pools,
    lexicon: NameLexicon,
    setting: tuple[int, float, float, float, bool, bool, float],
    thresholds: tuple[float, ...],
    seed: int = 0,
) -> dict[float, dict[str, float | int]]:
    """Pooled out-of-fold figures per threshold; copies made from training folds only."""
    copies, rate, c1, c2, orgloc, persons, mix = setting
    counts: dict[float, Counter[str]] = {t: Counter() for t in thresholds}
    for fold in range(FOLDS):
        fit = [s for s in dev if fold_of(s.curid) != fold]
        held = [s for s in dev if fold_of(s.curid) == fold]
        fit_records = [r for r in records if fold_of(str(r["curid"])) != fold]
        sub = Substituter(pools, held_names(held), fit_records, mix)
        extra = augmented(sub, fit_records, copies, orgloc, rate, lexicon.name_ranks, seed, persons)
        model = train(fit + extra, c1, c2)
        for threshold in thresholds:
            tagger = _tagger(model, threshold, lexicon)
            for s in held:
                found = [("PERSON", a, b) for a, b, _ in name_spans(s.text, s.tokens, tagger)]
                _score([("PERSON", a, b) for a, b in s.gold], found, counts[threshold])
    return {t: _figures(c, ("PERSON",))["PERSON"] for t, c in counts.items()}


def main() -> None:
    """Run the grid of ``JA_AUG_GRID`` and append each setting's figures to the results."""
    lexicon = NameLexicon.load()
    records = [
        r for r in json.loads(JA_SET.read_text(encoding="utf-8")) if ja_split(r["curid"]) == "dev"
    ]
    dev = [Sentence(r, lexicon.name_ranks) for r in records]
    pools = Pools()
    thresholds = tuple(
        float(t) for t in os.environ.get("JA_CV_THRESHOLDS", "0.3 0.35 0.4 0.45 0.5").split()
    )
    for item in os.environ.get("JA_AUG_GRID", "1:0:0.1:0.05:1").split():
        k, rate, c1, c2, orgloc, *rest = item.split(":")
        persons = not rest or rest[0] != "0"
        mix = float(rest[1]) if len(rest) > 1 else 0.0
        setting = (int(k), float(rate), float(c1), float(c2), orgloc == "1", persons, mix)
        start = time.perf_counter()
        seed = int(os.environ.get("JA_AUG_SEED", "0"))
        figs = cross_validate(records, dev, pools, lexicon, setting, thresholds, seed)
        rows = []
        for t, fig in figs.items():
            r, p = float(fig["recall"]), float(fig["precision"])
            f = round(2 * r * p / (r + p), 3) if r + p else 0.0
            rows.append({"threshold": t, **fig, "f1": f})
            print(
                f"k={k} dropout={rate} c1={c1} c2={c2} orgloc={orgloc} persons={persons} "
                f"mix={mix} t={t}: "
                f"R {r:.3f} P {p:.3f} F {f:.3f}",
                flush=True,
            )
        entry = {
            "copies": int(k),
            "dropout": float(rate),
            "c1": float(c1),
            "c2": float(c2),
            "orgloc": orgloc == "1",
            "persons": persons,
            "mix": mix,
            "seed": seed,
            "labels": LABELS,
            "possible_states": POSSIBLE_STATES,
            "seconds": round(time.perf_counter() - start),
            "by_threshold": rows,
        }
        old = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else []
        RESULTS.write_text(json.dumps([*old, entry], indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
