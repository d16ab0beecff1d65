"""Time the answer judge's side on one endless sentence: linear work, not the square of it.

Run: ``python benchmarks/long_sentence.py`` (writes benchmarks/results/long_sentence.json and
prints a table). ``--sizes`` sets the lengths (default 12,500 and 50,000 characters).

Inputs, written here (no corpus text): runs of one hiragana, of one letter, of one digit, of
"a ", of "1-", of one kanji numeral, and a JA/EN/digit mix without a sentence break. For
each length it times ``supplied_types`` and the whole lexical judge (one ask), on this
machine; the growth from the smaller length to the larger one shows whether the work is linear
(x4 for four times the text) or not (x16).

The customer's side too (rows ``ask_*``): a long run of spaces inside an English ask and a
kanji-only ask, timed through extraction and the judge with a short draft (in the judge column;
their supplied-types column is 0).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails.context import GuardrailContext, Message  # noqa: E402
from guardrails.questions import LexicalJudge, Question, extract_questions  # noqa: E402
from guardrails.questions.answer_types import supplied_types  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "long_sentence.json"
_MIX = "お問い合わせ ありがとう order 12345 please 確認 "
INPUTS = {
    "hiragana": "あ",
    "letter": "a",
    "letter_space": "a ",
    "digit": "1",
    "digit_dash": "1-",
    "kanji_numeral": "一",
    "ja_en_digits": _MIX,
}
ASKS = {"en": "When will my order arrive?", "ja": "注文はいつ届きますか？"}
# Long asks (the customer's side): a run of spaces inside an English ask, and a kanji-only ask.
# Each is timed through extraction and the judge with a short draft.
LONG_ASKS = {
    "ask_space_run": ("Can you change my booking", " ", "to Friday?", "en"),
    "ask_kanji": ("", "漢", "", "ja"),
}
DRAFTS = {"en": "Yes, we can move it to Friday.", "ja": "はい、変更できます。"}


def _text(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _judge(text: str, language: str) -> None:
    ask = ASKS[language]
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=ask),),
        customer_language=language,
        draft_language=language,
        articles=(),
    )
    LexicalJudge().assess([Question("q1", ask)], text, ctx)


def _extract_and_judge(ask: str, language: str) -> None:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=ask),),
        customer_language=language,
        draft_language=language,
        articles=(),
    )
    questions = extract_questions(ctx) or [Question("q1", ask)]
    LexicalJudge().assess(questions, DRAFTS[language], ctx)


def _seconds(fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return round(time.perf_counter() - start, 3)


def run(sizes: list[int]) -> dict[str, object]:
    """Seconds of ``supplied_types`` and of the judge per input and length."""
    rows: dict[str, object] = {}
    for name, unit in INPUTS.items():
        language = "ja" if any("\u3040" <= ch <= "\u9fff" for ch in unit) else "en"
        row: dict[str, dict[str, float]] = {}
        for size in sizes:
            text = _text(unit, size)
            row[str(size)] = {
                "supplied_types_s": _seconds(supplied_types, text),
                "judge_s": _seconds(_judge, text, language),
            }
        rows[name] = row
    for name, (before, unit, after, language) in LONG_ASKS.items():
        row = {}
        for size in sizes:
            ask = before + _text(unit, size) + after
            # the ask's side has no supplied types to time: the same column holds 0
            row[str(size)] = {
                "supplied_types_s": 0.0,
                "judge_s": _seconds(_extract_and_judge, ask, language),
            }
        rows[name] = row
    return {
        "sizes": sizes,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "inputs": rows,
    }


def main() -> None:
    """Run, print a table, write the results file (unless ``--no-write``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_500, 50_000])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    result = run(args.sizes)
    inputs = result["inputs"]
    assert isinstance(inputs, dict)
    print(f"{'input':15} " + " ".join(f"{s:>10} chars (types/judge s)" for s in args.sizes))
    for name, row in inputs.items():
        cells = [
            f"{row[str(s)]['supplied_types_s']:>10.3f} / {row[str(s)]['judge_s']:<12.3f}"
            for s in args.sizes
        ]
        print(f"{name:15} " + "  ".join(cells))
    print(f"load average (1 min): {result['load_average_1min']}")
    if not args.no_write:
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
