"""Benchmark the verify flags on written reply sentences: recall and false flags per code.

Run: ``python benchmarks/verify_flags.py`` (writes benchmarks/results/verify_flags.json).

The cases (``benchmarks/data/verify_flags_{dev,test}.jsonl``) are in-house: support-reply
sentences written for issue 8 in English and Japanese, positive (the code must fire) and clean
(it must not). The test part's first batch was written first, before any tuning; later
batches are written blind after a round of tuning and run once; none is tuned on. The dev part
was written afterwards and tuned on. Batches 2 and 3 were each first run as test and then moved
to dev (first-run recall: batch 2 commitment 6/16, figures 8/11 with 1 false flag of 8 clean,
placeholders 4/6; batch 3 commitment 10/18, figures 9/12, placeholders 5/7, wrong_name 5/5
with 1 foreign_pii raised on a misspelt name, 0 false flags on clean; batch 4 commitment 12/20,
figures 9/10, placeholders 4/5 with 1 false flag of 5 clean, foreign_pii and wrong_name 2/2;
batch 5 commitment 10/20, figures 4/5, placeholders 2/2, 0 false flags on clean; batch 6
commitment 19/24 with 2 false flags of 16 clean). Batches 7-9 stay in test, but only their
first runs (``FIRST_RUN``, printed and written with the results) are held-out figures: batch
7's misses were looked at in the sixth round of tuning, batch 8 was written before that round
and its misses were tuned on, batch 9 was written blind after it and its three misses were
then fixed, batch 10 was written blind after that and run once (not tuned on).
Every registered guardrail runs on each case, so a case may also forbid a neighbouring code (a
misspelt customer name is ``wrong_name``, never ``foreign_pii``).

A second section counts ``placeholder_left`` flags on text nobody here wrote (the BIPIA emails
and the benign texts of ``../shared/data/injection_more``), which hold no template residue.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails.base import Guardrail  # noqa: E402
from guardrails.context import (  # noqa: E402
    Article,
    GuardrailContext,
    GuardrailSettings,
    Message,
    Person,
    VoiceRules,
)
from guardrails.registry import build_guardrails  # noqa: E402
from guardrails.resources import GuardrailResources  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"
SHARED = ROOT.parent / "shared" / "data"
KB_FILE = ROOT / "evals" / "guardrail_set" / "kb.yaml"
SPLITS = ("dev", "test")
CODES = ("commitment", "ungrounded_figure", "placeholder_left", "foreign_pii", "wrong_name")
BATCHES = {
    "1": "written before any tuning",
    "7": "written after the fifth round of tuning, blind, run once",
    "8": "written before the sixth round of tuning; its misses were then tuned on",
    "9": "written blind after the sixth round of tuning; its misses were then tuned on",
    "10": "written blind after the seventh round of tuning, run once",
}
TARGETS = {"commitment_recall": 0.90, "false_flags_on_clean": 0}
# commitment on each batch's first run, before anything was tuned on it: the held-out figures.
FIRST_RUN = {
    "7": {"positives": 24, "hits": 19, "recall": 0.792, "clean": 16, "false_flags": 1},
    "8": {"positives": 34, "hits": 28, "recall": 0.824, "clean": 32, "false_flags": 2},
    "9": {"positives": 24, "hits": 21, "recall": 0.875, "clean": 24, "false_flags": 0},
    "10": {"positives": 24, "hits": 23, "recall": 0.958, "clean": 24, "false_flags": 0},
}

# The default customer, thread and wrapping of each language (a case may override them).
DEFAULTS: dict[str, dict[str, str]] = {
    "en": {
        "customer": "Joyce Miller",
        "email": "joyce.miller@example.com",
        "kb": "shop_en",
        "agent": "Sam",
        "thread": "Hi, my order arrived damaged and I'm not happy. What can you do? Joyce",
        "head": "Hi {first},\n\nThanks for getting in touch.\n\n",
        "tail": "\n\nBest regards,\nSam",
    },
    "ja": {
        "customer": "斎藤 花子",
        "email": "hanako.saito@example.jp",
        "kb": "shop_ja",
        "agent": "田中",
        "thread": "注文した商品が破損して届きました。どう対応していただけますか。斎藤",
        "head": "{first}様\n\nお問い合わせいただき、ありがとうございます。\n",
        "tail": "\n\n今後ともよろしくお願いいたします。\n田中",
    },
}


@dataclass(frozen=True)
class Case:
    """One labelled draft and the context it is checked in."""

    id: str
    split: str
    code: str
    lang: str
    positive: bool
    forbid: tuple[str, ...]
    batch: str
    draft: str
    ctx: GuardrailContext


def _knowledge_bases() -> dict[str, tuple[Article, ...]]:
    raw = yaml.safe_load(KB_FILE.read_text(encoding="utf-8"))
    return {
        name: tuple(
            Article(id=a["id"], title=a["title"], body=a["body"], url=a.get("url"))
            for a in articles
        )
        for name, articles in raw["knowledge_bases"].items()
    }


def build_case(raw: dict[str, Any], kbs: dict[str, tuple[Article, ...]]) -> Case:
    """The case's context (default customer, thread and KB of its language) and draft."""
    lang = raw["lang"]
    d = DEFAULTS[lang]
    name = raw.get("customer", d["customer"])
    first = name.split()[0] if lang == "en" else name.split()[0].split("・")[0]
    draft = raw["draft"]
    if raw.get("wrap", True):
        draft = d["head"].format(first=first) + draft + d["tail"]
    articles = kbs[d["kb"]]
    if raw.get("kb_extra"):
        articles += (Article(id="extra", title="Policy", body=raw["kb_extra"]),)
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=raw.get("thread", d["thread"]), author_name=name),),
        customer_language=lang,
        draft_language=lang,
        customer=Person(name=name, email=raw.get("email", d["email"])),
        agent=Person(name=d["agent"]),
        voice=VoiceRules(published_contacts=tuple(raw.get("contacts", ()))),
        articles=articles,
        settings=GuardrailSettings(),
    )
    return Case(
        id=raw["id"],
        split=raw["split"],
        code=raw["code"],
        lang=lang,
        positive=bool(raw["positive"]),
        forbid=tuple(raw.get("forbid", ())),
        batch=str(raw.get("batch", 1)),
        draft=draft,
        ctx=ctx,
    )


def load_cases(split: str) -> list[Case]:
    """The cases of one split."""
    kbs = _knowledge_bases()
    path = DATA / f"verify_flags_{split}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [build_case(json.loads(line), kbs) for line in lines if line.strip()]


def run_case(guards: tuple[Guardrail, ...], case: Case) -> dict[str, list[str]]:
    """Evidence of every verify/block finding of ``case``'s draft, by code."""
    found: dict[str, list[str]] = {}
    for guard in guards:
        for f in guard.check(case.draft, case.ctx):
            if f.severity != "info":
                found.setdefault(f.code, []).append(f.evidence or "")
    return found


def score(guards: tuple[Guardrail, ...], cases: list[Case]) -> dict[str, Any]:
    """Recall and false flags per code (and per language), with the misses listed."""
    per: dict[str, dict[str, Any]] = {}
    misses: list[dict[str, Any]] = []
    for case in cases:
        found = run_case(guards, case)
        for key in (case.code, f"{case.code}/{case.lang}"):
            row = per.setdefault(key, {"positives": 0, "hits": 0, "clean": 0, "false_flags": 0})
            if case.positive:
                row["positives"] += 1
                row["hits"] += case.code in found
            else:
                row["clean"] += 1
                row["false_flags"] += case.code in found
        wrong = case.positive != (case.code in found)
        forbidden = [c for c in case.forbid if c in found]
        for key in (k for code in forbidden for k in (code, f"{code}/{case.lang}")):
            row = per.setdefault(key, {"positives": 0, "hits": 0, "clean": 0, "false_flags": 0})
            row["false_flags"] += 1
        if wrong or forbidden:
            misses.append(
                {"id": case.id, "expected": case.code if case.positive else None, "found": found}
            )
    for row in per.values():
        row["recall"] = round(row["hits"] / row["positives"], 3) if row["positives"] else None
    return {"per_code": dict(sorted(per.items())), "misses": misses}


def _outside_texts() -> list[str]:
    texts: list[str] = []
    bipia = SHARED / "injection" / "bipia_email_train.jsonl"
    if bipia.exists():
        texts += [json.loads(x)["context"] for x in bipia.read_text().splitlines() if x.strip()]
    benign = SHARED / "injection_more" / "benign.jsonl"
    if benign.exists():
        texts += [json.loads(x)["text"] for x in benign.read_text().splitlines() if x.strip()]
    return texts


def outside_placeholders(guards: tuple[Guardrail, ...]) -> dict[str, Any]:
    """``placeholder_left`` flags on public emails and benign texts (none hold a placeholder)."""
    guard = next(g for g in guards if g.code == "placeholder_left")
    kbs = _knowledge_bases()
    ctx = build_case(
        {"id": "x", "split": "-", "code": "-", "lang": "en", "positive": False, "draft": ""}, kbs
    ).ctx
    texts = _outside_texts()
    flagged = []
    for text in texts:
        found = guard.check(text, ctx)
        if found:
            flagged.append([f.evidence for f in found][:3])
    return {"texts": len(texts), "texts_flagged": len(flagged), "evidence": flagged[:20]}


def guardrail_set_clean(guards: tuple[Guardrail, ...]) -> dict[str, Any]:
    """Flags of this issue's codes on the clean drafts of ``evals/guardrail_set`` (all splits)."""
    from evals.guardrail_set.loader import load_cases as load_set

    clean = [c for c in load_set() if c.clean]
    flagged: dict[str, list[str]] = {}
    for case in clean:
        for guard in guards:
            if guard.code in CODES and guard.check(case.draft, case.ctx):
                flagged.setdefault(guard.code, []).append(case.id)
    return {"clean_drafts": len(clean), "flagged": flagged}


def latency(guards: tuple[Guardrail, ...], cases: list[Case]) -> dict[str, float]:
    """p50 ms of all guardrails over each case's draft, per language."""
    out: dict[str, float] = {}
    for lang in ("en", "ja"):
        times = []
        for case in (c for c in cases if c.lang == lang):
            start = time.perf_counter()
            run_case(guards, case)
            times.append((time.perf_counter() - start) * 1000)
        out[f"p50_ms_{lang}"] = round(statistics.median(times), 2) if times else 0.0
    return out


def _table(title: str, result: dict[str, Any]) -> list[str]:
    lines = [
        f"## {title}",
        "",
        "| code | positives | recall | clean | false flags |",
        "|---|---|---|---|---|",
    ]
    for code, row in result["per_code"].items():
        recall = "-" if row["recall"] is None else f"{row['recall']:.2f}"
        lines.append(
            f"| {code} | {row['positives']} | {recall} | {row['clean']} | {row['false_flags']} |"
        )
    lines.append(f"\nCases with a miss or a forbidden flag: {len(result['misses'])}")
    lines += [f"- {m['id']}: found {m['found']}" for m in result["misses"]]
    return lines + [""]


def main() -> None:
    """Score both splits, print a table per split and write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, help="score one split only (no JSON written)")
    args = parser.parse_args()
    guards = build_guardrails(None, GuardrailResources())
    report: dict[str, Any] = {
        "note": "In-house written cases (issue 8 item 4). Test batch 1 was written before any "
        "tuning and was not tuned on. Batches 7-10 were each held out on their first run "
        "(commitment_first_run), then their misses were looked at and tuned on (batch 10: not "
        "tuned on), so the later figures of 7-9 are not held out. Dev (batches 2-6, each "
        "first run as test, then moved) was tuned on. All registered guardrails run on every case.",
        "targets": TARGETS,
        "commitment_first_run": FIRST_RUN,
    }
    lines = ["# Verify flags on written reply sentences (in-house)", ""]
    lines += [
        f"commitment, batch {b} first run (held out): {r['hits']}/{r['positives']} = "
        f"{r['recall']:.2f}, false flags {r['false_flags']}/{r['clean']}"
        for b, r in FIRST_RUN.items()
    ] + [""]
    all_cases = []
    for split in (args.split,) if args.split else SPLITS:
        if not (DATA / f"verify_flags_{split}.jsonl").exists():
            continue
        cases = load_cases(split)
        all_cases += cases
        report[split] = score(guards, cases)
        label = "test (not tuned on)" if split == "test" else "dev (tuned on)"
        lines += _table(f"{label}: {len(cases)} cases", report[split])
        batches = sorted({c.batch for c in cases})
        if split == "test" and len(batches) > 1:
            report[f"{split}_by_batch"] = {}
            for batch in batches:
                part = [c for c in cases if c.batch == batch]
                result = score(guards, part)
                report[f"{split}_by_batch"][batch] = result
                lines += _table(f"{label}, batch {batch} ({BATCHES.get(batch, '')})", result)
    report["outside_placeholder_left"] = outside_placeholders(guards)
    report["guardrail_set_clean"] = guardrail_set_clean(guards)
    report["latency"] = latency(guards, all_cases)
    outside = report["outside_placeholder_left"]
    lines.append(
        f"placeholder_left on outside text (BIPIA emails + benign texts): "
        f"{outside['texts_flagged']} of {outside['texts']} flagged {outside['evidence']}"
    )
    gset = report["guardrail_set_clean"]
    lines.append(
        f"flags of these codes on the {gset['clean_drafts']} clean drafts of "
        f"evals/guardrail_set: {gset['flagged'] or 'none'}"
    )
    lines.append(f"latency (all guardrails, per case): {report['latency']}")
    if args.split:
        print("\n".join(lines))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "verify_flags.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
