"""False flags of ``prompt_echo`` on text that is not an echo, from public corpora.

Usage: python benchmarks/prompt_echo.py
Writes benchmarks/results/prompt_echo.json and prints it.

Every text is checked as if it were a draft answering an unrelated customer message: a flag
is a false flag (none of these texts repeats the drafting prompt). The guardrail was not tuned
on these corpora (no dev/test split needed: nothing was fitted), so all of it is test data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guardrails.context import GuardrailContext, Message  # noqa: E402
from guardrails.verify.prompt_echo import PromptEcho  # noqa: E402

DATA = REPO.parent / "shared" / "data"
CORPORA = (
    ("injection_more/benign.jsonl", "text"),  # 865 benign texts from several public corpora
    ("injection/bipia_email_train.jsonl", "context"),  # 50 real-looking emails (BIPIA)
)


def main() -> None:
    """Count texts flagged by ``prompt_echo`` per corpus."""
    ctx = GuardrailContext(
        messages=(Message("customer", "Where is my order? It has not arrived yet."),),
        customer_language="en",
        draft_language="en",
    )
    guardrail = PromptEcho()
    results = {}
    for name, field in CORPORA:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)[field] for line in lines if line.strip()]
        flagged = sum(bool(guardrail.check(text, ctx)) for text in texts)
        results[name] = {
            "texts": len(texts),
            "flagged": flagged,
            "false_flag_rate": flagged / len(texts),
        }
    out = REPO / "benchmarks" / "results" / "prompt_echo.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
