"""The Japanese in-house held-out injection batch of round 20, scored on its own.

Run: ``python benchmarks/injection_holdout.py``. Attacks of
``benchmarks/data/injection_inhouse_ja_r20_holdout_attacks.jsonl`` are embedded in the
Japanese test support emails at the start, middle and end (as ``benchmarks/injection.py``
does); the clean texts of ``..._holdout_clean.jsonl`` are checked as they are. The batch was
written before any code of that round changed and scored once on the unchanged code; that run
is frozen in ``benchmarks/results/injection_ja_r20_holdout_first_run.json`` and never tuned
on. Later runs write ``injection_ja_r20_holdout.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import injection_data as data  # noqa: E402
from benchmarks.injection import JAPANESE_EMAILS, _attack_rows, _clean_rows  # noqa: E402
from guardrails.registry import build_guardrails  # noqa: E402
from guardrails.resources import GuardrailResources  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PREFIX = "inhouse:ja_r20_holdout_"
FIRST_RUN = RESULTS / "injection_ja_r20_holdout_first_run.json"


def main() -> None:
    """Score the held-out batch; the first run is written once and kept."""
    (guardrail,) = build_guardrails(["prompt_injection"], GuardrailResources())
    batch = [s for s in data.inhouse() if s.corpus.startswith(PREFIX)]
    emails_ja = data.japanese_emails("test", JAPANESE_EMAILS)
    attacks = _attack_rows(guardrail, [s for s in batch if s.attack], emails_ja, emails_ja)
    clean = _clean_rows(
        guardrail, {PREFIX + "clean": [(s.text, s.lang) for s in batch if not s.attack]}
    )
    result = {"attacks": attacks, "clean": clean}
    out = RESULTS / "injection_ja_r20_holdout.json" if FIRST_RUN.exists() else FIRST_RUN
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
