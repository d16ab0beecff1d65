"""Benchmark the issue-13 checks on their labelled set: recall and false flags per code.

Run: ``python benchmarks/practices.py`` (writes benchmarks/results/practices.json).

The set (``benchmarks/data/practices_{dev,test}.jsonl``) was written in-house for issue 13:
realistic English and Japanese support threads and drafts, each labelled ``positive`` (the
draft should raise the case's code) or ``clean`` (it should not). The split is by a hash of
id and draft; dev is for tuning, test is reported and never tuned on. The first test part was
printed beside dev in the first run, so it was moved to dev and a fresh test part (ids ``t2-``)
was written before any further tuning. Escalation and subject missed their target on t2, so
their t2 cases went to dev and a fresh ``t3-`` part was written; the same again gave ``t4-``,
the test part reported for those two codes (each part was scored once, after it was written).
After t4, escalation was rebuilt on sentence structure (issue 13 follow-up); before any code
changed, a new held-out set for it was written (``practices_escalation_holdout.jsonl``, ids
``h1-``, 32 positive and 31 clean, English and Japanese, never tuned on) and is reported as its
own split, ``escalation_holdout``, beside the old test part. Its first score showed one false
flag, fixed after, so a second set (``practices_escalation_holdout2.jsonl``, ids ``h2-``, 32 and
32) was written and scored once (recall 0.94, 6 false flags) before the fixes it prompted; both
are reported, and neither is blind any more.
Each case is scored on its own code only: recall = flagged positives / positives, false
flags = flagged cleans.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails.context import GuardrailContext, Message, Person, VoiceRules  # noqa: E402
from guardrails.language import detect_language  # noqa: E402
from guardrails.practice.references import thread_references  # noqa: E402
from guardrails.practice.subject import is_vague  # noqa: E402
from guardrails.registry import build_guardrails  # noqa: E402
from guardrails.resources import GuardrailResources  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"
CODES = (
    "proofreading",
    "tone",
    "escalation",
    "channel_rule",
    "public_pii",
    "subject",
    "signature",
    "customer_shared_secret",
)
RECALL_TARGET = 0.90
# The brand's own published contacts, as the pipeline reads them from the voice and the KB.
VOICE = VoiceRules(brand="Sitely", published_contacts=("support@sitely.example",))


def context_of(case: dict[str, Any]) -> GuardrailContext:
    """The guardrail context a case describes (thread, people, channel, subject)."""
    messages = tuple(
        Message(
            role=m["role"],
            body=m["body"],
            author_name=case["customer"]["name"] if m["role"] == "customer" else None,
        )
        for m in case["messages"]
    )
    latest = [m.body for m in messages if m.role == "customer"][-1]
    return GuardrailContext(
        messages=messages,
        customer_language=detect_language(latest),
        draft_language=detect_language(case["draft"]),
        customer=Person(name=case["customer"]["name"]),
        agent=Person(name=case["agent"]["name"], title=case["agent"]["title"]),
        subject=case["subject"],
        channel=case["channel"],
        voice=VOICE,
    )


def load(split: str) -> list[dict[str, Any]]:
    """The cases of one split."""
    path = DATA / f"practices_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall and false flags per code, with the ids of every miss and false flag."""
    guards = {g.code: g for g in build_guardrails(CODES, GuardrailResources())}
    tally: dict[str, dict[str, Any]] = defaultdict(
        lambda: {
            "positives": 0,
            "hits": 0,
            "clean": 0,
            "false_flags": 0,
            "missed": [],
            "flagged": [],
        }
    )
    for case in cases:
        code = case["code"]
        raised = bool(guards[code].check(case["draft"], context_of(case)))
        row = tally[code]
        if case["label"] == "positive":
            row["positives"] += 1
            row["hits"] += raised
            if not raised:
                row["missed"].append(case["id"])
        else:
            row["clean"] += 1
            row["false_flags"] += raised
            if raised:
                row["flagged"].append(case["id"])
    out = {}
    for code in CODES:
        row = tally[code]
        recall = row["hits"] / row["positives"] if row["positives"] else None
        met = recall is not None and recall >= RECALL_TARGET and row["false_flags"] == 0
        out[code] = {**row, "recall": recall, "target_met": met}
    return out


def subject_suggestions(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """For vague subjects the check flags: how many get a suggestion, and whether it is usable.

    Usable: the suggestion is itself not vague (by the check's own rule) and names every order
    or ticket number the thread gives. A self-consistency figure, not a judgement of wording.
    """
    guard = build_guardrails(("subject",), GuardrailResources())[0]
    vague = with_suggestion = usable = 0
    for case in cases:
        if case["code"] != "subject" or case["label"] != "positive":
            continue
        ctx = context_of(case)
        for finding in guard.check(case["draft"], ctx):
            if finding.evidence != "vague":
                continue
            vague += 1
            if finding.suggestion:
                with_suggestion += 1
                lang = "ja" if ctx.draft_language == "ja" else "en"
                named = thread_references(ctx.subject, [m.body for m in ctx.messages])
                if not is_vague(finding.suggestion, lang) and all(
                    n in finding.suggestion for n in named
                ):
                    usable += 1
    return {"vague_flags": vague, "with_suggestion": with_suggestion, "usable": usable}


def main() -> None:
    """Score dev and test separately; print a table; write the JSON results.

    ``--dev`` scores the dev part only and writes nothing (for tuning without seeing test).
    """
    splits = (
        ("dev",)
        if "--dev" in sys.argv[1:]
        else ("dev", "test", "escalation_holdout", "escalation_holdout2")
    )
    result: dict[str, Any] = {split: evaluate(load(split)) for split in splits}
    suggestions = {split: subject_suggestions(load(split)) for split in ("dev", "test")}
    if len(splits) > 1:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "practices.json").write_text(
            json.dumps({**result, "subject_suggestions": suggestions}, ensure_ascii=False, indent=2)
            + "\n",
            encoding="utf-8",
        )
    for split, rows in result.items():
        print(f"## {split}")
        print("| code | recall | positives | false flags / clean | target met |")
        print("|---|---|---|---|---|")
        for code, row in rows.items():
            if not row["positives"] and not row["clean"]:
                continue  # a split written for some codes only
            recall = "n/a" if row["recall"] is None else f"{row['recall']:.2f}"
            print(
                f"| {code} | {recall} | {row['positives']} | "
                f"{row['false_flags']} / {row['clean']} | {row['target_met']} |"
            )
            for key in ("missed", "flagged"):
                if row[key]:
                    print(f"|  {key}: {', '.join(row[key])} |")
    for split, counts in suggestions.items():
        print(f"subject suggestions ({split}): {counts}")


if __name__ == "__main__":
    main()
