"""Dev-only check of the injection classifier, per corpus, on held-out dev texts.

Trains on three quarters of the dev parts and reports the held-out dev quarter ("calibration").
Used to choose features and training data without looking at the test parts.

Run: ``python benchmarks/injection_dev.py [-v] [--fold N]`` (trains a model in memory; the
packaged model and the test parts are not touched). ``--fold N`` (0-3) holds out another dev
quarter than the packaged model's (0), so that running all four shows every dev text held out:
the dev misses and false alarms to learn from. ``-v`` prints them. ``--packaged`` scores the
shipped model instead of training one (for pattern and structure work), with the rule-only and
check-only in-house sets in full (the shipped weights never saw them) and the other texts'
calibration quarter, as before.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import injection_data as data  # noqa: E402
from benchmarks import injection_train as train_mod  # noqa: E402
from guardrails.injection import find_injection  # noqa: E402
from guardrails.injection_model import InjectionModel  # noqa: E402


def _short(text: str) -> str:
    return " ".join(text.split())[:150]


def _print_positions(by_position: dict[tuple[str, str], list[int]]) -> None:
    for (lang, position), (hits, total) in sorted(by_position.items()):
        print(f"attacks {lang} at {position:30s} detected     {hits / total:.3f} ({hits}/{total})")


def report(model: InjectionModel, whole_checks: bool = False) -> None:
    """Detection and false alarms per corpus on the dev calibration quarter.

    ``whole_checks`` adds every text of the in-house sets never trained on (rule-only, checks).
    """
    rng = random.Random(1)
    directing, _plain = data.bipia_attacks()
    untrained = train_mod.RULE_ONLY | train_mod.CHECKS_ONLY if whole_checks else frozenset()
    samples = [
        s
        for s in (*data.injection_more(), *directing, *data.inhouse())
        if s.split == "dev" and (train_mod.is_calibration(s.text) or s.corpus in untrained)
    ]
    for corpus in (data.banking77(), data.clinc(), data.ja_wikipedia()):
        dev = [s for s in corpus if s.split == "dev" and train_mod.is_calibration(s.text)]
        samples += rng.sample(dev, min(600, len(dev)))
    emails = train_mod.dev_emails(calibration=True)
    emails_en, emails_ja = emails["en"], emails["ja"]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    # Attacks per language and position (start, middle, end): an attack glued into the middle
    # of a customer's sentence is read with the customer's words around it.
    by_position: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    # Dev misses and dev false alarms, printed to guide the next change (dev texts only).
    wrong: list[str] = []
    for s in samples:
        if s.attack:
            carriers = emails_ja if s.lang == "ja" else emails_en
            for position in data.POSITIONS:
                text = data.embed(rng.choice(carriers), s.text, position)
                hit = find_injection(text, model) is not None
                counts[s.corpus][0] += hit
                counts[s.corpus][1] += 1
                by_position[(s.lang, position)][0] += hit
                by_position[(s.lang, position)][1] += 1
                if not hit and position == "middle":
                    wrong.append(f"MISS {s.corpus}: {_short(s.text)}")
        else:
            hit = find_injection(s.text, model) is not None
            counts[s.corpus][0] += hit
            counts[s.corpus][1] += 1
            if hit:
                wrong.append(f"FALSE {s.corpus}: {_short(s.text)}")
    for name, emails in (("emails_en", emails_en), ("emails_ja", emails_ja)):
        for e in emails:
            found = find_injection(e, model)
            counts[name][0] += found is not None
            counts[name][1] += 1
            if found is not None:
                wrong.append(f"FALSE {name}: {_short(found.excerpt)}")
    if "-v" in sys.argv:
        print("\n".join(wrong))
    attack_corpora = {s.corpus for s in samples if s.attack}
    for corpus, (hits, total) in sorted(counts.items()):
        kind = "detected" if corpus in attack_corpora else "false alarms"
        print(f"{corpus:40s} {kind:12s} {hits / total:.3f} (n={total})")
    _print_positions(by_position)


def main() -> None:
    """Train on the dev train part and report the dev calibration part."""
    if "--fold" in sys.argv:
        train_mod.set_calibration_fold(int(sys.argv[sys.argv.index("--fold") + 1]))
    packaged = "--packaged" in sys.argv
    model = InjectionModel.load() if packaged else train_mod.train_model()
    print(f"thresholds en {model.threshold:.3f}, ja {model.threshold_ja}")
    args = sys.argv[1:]
    if "--fold" in args:
        del args[args.index("--fold") : args.index("--fold") + 2]
    out = [a for a in args if not a.startswith("-")]
    if out:  # keep the dev model for inspection (never the packaged file)
        train_mod.save(model, Path(out[0]))
    report(model, whole_checks=packaged)


if __name__ == "__main__":
    main()
