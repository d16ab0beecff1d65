"""Dev-only check of the injection classifier, per corpus, on held-out dev texts.

Trains on three quarters of the dev parts and reports the held-out dev quarter ("calibration").
Used to choose features and training data without looking at the test parts.

Run: ``python benchmarks/injection_dev.py`` (trains a model in memory; the packaged model and the
test parts are not touched).
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


def report(model: InjectionModel) -> None:
    """Detection and false alarms per corpus on the dev calibration quarter."""
    rng = random.Random(1)
    directing, _plain = data.bipia_attacks()
    samples = [
        s
        for s in (*data.injection_more(), *directing, *data.inhouse())
        if s.split == "dev" and train_mod.is_calibration(s.text)
    ]
    for corpus in (data.banking77(), data.clinc(), data.ja_wikipedia()):
        dev = [s for s in corpus if s.split == "dev" and train_mod.is_calibration(s.text)]
        samples += rng.sample(dev, min(600, len(dev)))
    emails = train_mod.dev_emails(calibration=True)
    emails_en, emails_ja = emails["en"], emails["ja"]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in samples:
        if s.attack:
            carriers = emails_ja if s.lang == "ja" else emails_en
            for position in data.POSITIONS:
                text = data.embed(rng.choice(carriers), s.text, position)
                counts[s.corpus][0] += find_injection(text, model) is not None
                counts[s.corpus][1] += 1
        else:
            counts[s.corpus][0] += find_injection(s.text, model) is not None
            counts[s.corpus][1] += 1
    for name, emails in (("emails_en", emails_en), ("emails_ja", emails_ja)):
        for e in emails:
            counts[name][0] += find_injection(e, model) is not None
            counts[name][1] += 1
    attack_corpora = {s.corpus for s in samples if s.attack}
    for corpus, (hits, total) in sorted(counts.items()):
        kind = "detected" if corpus in attack_corpora else "false alarms"
        print(f"{corpus:40s} {kind:12s} {hits / total:.3f} (n={total})")


def main() -> None:
    """Train on the dev train part and report the dev calibration part."""
    model = train_mod.train_model()
    print(f"thresholds en {model.threshold:.3f}, ja {model.threshold_ja}")
    if len(sys.argv) > 1:  # keep the dev model for inspection (never the packaged file)
        train_mod.save(model, Path(sys.argv[1]))
    report(model)


if __name__ == "__main__":
    main()
