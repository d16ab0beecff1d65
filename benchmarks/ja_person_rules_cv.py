"""Out-of-fold dev errors of the shipped Japanese name setting, for tuning the rules.

Run: ``python benchmarks/ja_person_rules_cv.py [--train] [--errors] [--engine]`` (after
``pip install python-crfsuite``). ``--train`` fits the five fold models of the shipped
setting (the dev part only, folds by ``ja_person_train.fold_of``; each trained on four folds plus
``ja_person_augment_cv``'s two substituted copies of them, made from those folds only) and
keeps them under ``$TMPDIR/ja_person_folds/`` (about 15 minutes on an idle core). Without
it, the kept models are read: each fold is scored by the model that never saw it, with the
rules (``recognizers_ja.name_spans``) as they are in the working tree, so a rule change is
measured out of fold in a minute, not retrained. ``--errors`` writes the misses (FN) and
false alarms (FP) to ``$TMPDIR/ja_person_rules_cv_errors.tsv`` (corpus text: never copied
into the repository). ``--engine`` scores the whole detector (``PiiEngine.analyze``, as
``benchmarks/pii.py`` does: the Latin name reader, the engine's merging) with each fold's
tagger in its Japanese name reader, not ``name_spans`` alone. The test part is never read.

Round 30 (fold models of the shipped setting, threshold 0.35; rules written against dev, so
these are out-of-fold for the tagger only): main 0.875 / 0.866 (800 names). The builder's
rules: a katakana ``A・B`` name beside a role or listed whole by Sudachi 0.881 / 0.866; a
sentence's opening name its predicate calls a person 0.889 / 0.867; a dictionary name before
a role compound 0.890 / 0.867; a list member between two names 0.894 / 0.867; a compound of
common words beside a role left alone 0.894 / 0.868; a lone katakana name paired with a found
one 0.895 / 0.869. After review (the opening-name and list-member rules dropped: they masked
companies, teams and common nouns; the role and pair rules need a word the names tables give
as a person's, ``_may_be_a_name``): 0.880 / 0.868.

Round 31 (first run on main's code, fold models retrained: 0.881 / 0.867). Rules: a tagger
span made only of places the lexicon reads as no one's name dropped (``_places_only``: 東京
listed between names), a name before an office ending in a role kept (ブラウン国務長官; not
通商代表部), a sumo rank a person noun (横綱), a place before its own office not marked
(ロンドン市長): 0.881 / 0.869 (without ``_places_only`` 0.881 / 0.867). Tagger retrained with
two list features (the member's own tag with the other member's and whether the lexicon can
read it as a name; whether both members share a tag) and the new rule verdicts: 0.886 / 0.875,
but the retrained weights read 大野直樹宛 as a facility and ドライバーさん as a person (four
behaviour tests of support text failed) and still took 東京 between names for a person (0.96):
not shipped; the shipped weights are unchanged. After review, the office rule drops a place
before an office only when the lexicon knows the place with that office's suffix (横浜市,
品川区) or the word can name no one (パリ): 品川市長 is a person again, and so is ロンドン市長
(as on main: separating it from ワシントン市長 needs more than the names tables); the figures
above were not rerun after the review fixes.

Round 33 (fold models retrained on main's code: 0.880 / 0.872, 800 names; 98 false alarms,
96 misses). The support-text rules of this round (a staff-frame surname read as the surname,
staff units and workplaces, a thing as the topic, a filler before 氏) leave every fold
unchanged. Measured and not shipped: a katakana ``A・B`` span of the tagger with no part a
possible name dropped (folds 0-2: 0.873 / 0.864 against 0.879 / 0.860, as many names lost
as false alarms gone); also dropping a lone katakana common noun no names
table lists as a person's (folds 0-3: 0.888 / 0.885 against 0.897 / 0.876); a tagger span
whose proper noun heads a body (東京電力) dropped: no change (the tagger takes none);
threshold 0.45 / 0.55: 0.870 / 0.884 and 0.863 / 0.890 (the shipped 0.35: 0.880 / 0.872).
After review (the reading a signal, no veto; a workplace or a unit of staff needs a person's
act, a sender line or an introduction opening its sentence; role and contact topics): 0.880 /
0.872, every fold unchanged (the support-text sentences these rules are for are not in it).

Round 34 (fold models retrained on main's code: 0.880 / 0.872, 96 misses, 98 false alarms).
The support-text rules (a short katakana name before an honorific; the writer's own company
and の<word>です) leave every fold unchanged. ``--engine`` (the whole detector, fold taggers):
0.885 / 0.868 on main's rules (the Latin name reader finds five Latin names and takes five
companies or products); with a legal form after a comma ("Cell Genesys, Inc.") 0.885 /
0.870. Measured and not shipped (``--engine``): a katakana ``A・B`` tagger span none of whose
parts any names table or Sudachi entry gives as a person's dropped, 0.874 / 0.876 (five names
lost, four false alarms gone); one whose last part is a common noun no table gives as a
person's dropped, 0.854 / 0.877 (Sudachi cuts many unknown surnames into common nouns).
After review (the writer's-company rule dropped; a letter's unit readings, トン, no letter's
name; a time word before a katakana name out of the tagger's span; Co/Corp after a comma only
with no capitalised word or digit after): ``--engine`` 0.885 / 0.870.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ja_person_augment_cv import SHIP_COPIES, SHIP_SEED, Pools, Substituter, augmented, held_names  # noqa: E402
from ja_person_train import C1, C2, FOLDS, THRESHOLD, Sentence, _errors, _tagger, fold_of, train  # noqa: E402
from pii import JA_SET, _figures, _score, ja_split  # noqa: E402

from guardrails.pii import PiiEngine  # noqa: E402
from guardrails.pii.ja_person_model import PersonTagger  # noqa: E402
from guardrails.pii.names import NameLexicon  # noqa: E402
from guardrails.pii.recognizers_ja import JapaneseNameRecognizer, name_spans  # noqa: E402

FOLD_DIR = Path(tempfile.gettempdir()) / "ja_person_folds"
ERRORS = Path(tempfile.gettempdir()) / "ja_person_rules_cv_errors.tsv"


def main(argv: list[str]) -> None:
    """Train the fold models (``--train``) or score the folds with the kept ones."""
    lexicon = NameLexicon.load()
    records = [
        r for r in json.loads(JA_SET.read_text(encoding="utf-8")) if ja_split(r["curid"]) == "dev"
    ]
    dev = [Sentence(r, lexicon.name_ranks) for r in records]
    if "--train" in argv:
        FOLD_DIR.mkdir(exist_ok=True)
        pools = Pools()
        for fold in range(FOLDS):
            fit = [s for s in dev if fold_of(s.curid) != fold]
            held = [s for s in dev if fold_of(s.curid) == fold]
            fit_records = [r for r in records if fold_of(str(r["curid"])) != fold]
            sub = Substituter(pools, held_names(held), fit_records)
            extra = augmented(
                sub, fit_records, SHIP_COPIES, True, 0.0, lexicon.name_ranks, SHIP_SEED, False
            )
            model = train(fit + extra, C1, C2)
            (FOLD_DIR / f"fold{fold}.json").write_text(json.dumps(model), encoding="utf-8")
            print(f"fold {fold} trained", flush=True)
    counts: Counter[str] = Counter()
    lines: list[str] = []
    engine = _engine() if "--engine" in argv else None
    for fold in range(FOLDS):
        model = json.loads((FOLD_DIR / f"fold{fold}.json").read_text(encoding="utf-8"))
        tagger = _tagger(model, THRESHOLD, lexicon)
        if engine is not None:
            _use_tagger(engine, tagger)
        for s in (s for s in dev if fold_of(s.curid) == fold):
            if engine is not None:
                found = [
                    ("PERSON", e.start, e.end)
                    for e in engine.analyze(s.text, "ja", entities=["PERSON"])
                ]
            else:
                found = [("PERSON", a, b) for a, b, _ in name_spans(s.text, s.tokens, tagger)]
            gold = [("PERSON", a, b) for a, b in s.gold]
            _score(gold, found, counts)
            lines += _errors(s, gold, found)
    if "--errors" in argv:
        ERRORS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(_figures(counts, ("PERSON",))["PERSON"])


def _engine() -> PiiEngine:
    """The whole detector, as ``benchmarks/pii.py`` scores it (its tagger set per fold)."""
    return PiiEngine.build()


def _use_tagger(engine: PiiEngine, tagger: PersonTagger | None) -> None:
    """Give the engine's Japanese name reader a fold's tagger (the engine's cache emptied)."""
    for recognizer in engine.analyzer.registry.recognizers:
        if isinstance(recognizer, JapaneseNameRecognizer):
            recognizer._tagger = tagger
    engine.clear_cache()


if __name__ == "__main__":
    main(sys.argv[1:])
