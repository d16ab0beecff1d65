"""Does the offline drafter answer what the knowledge base answers? (issue 8, item 5).

Usage: python benchmarks/offline_drafter.py [--split dev|test|test2|test3|test4|test5|all]
Writes benchmarks/results/offline_drafter.json.

Threads: ``benchmarks/data/offline_threads_{dev,test}.jsonl``, real-looking customer threads
(English and Japanese, some multi-turn, terse asks) against the knowledge bases in
``benchmarks/data/offline_kb.json``. Each ask is labelled with the article that answers it
(or ``null``). Tune on dev, report the test splits: ``test`` was written before any tuning,
``test2`` (``offline_threads_test2.jsonl``) after ``test`` had been measured and looked at,
``test3`` (``offline_threads_test3.jsonl``) after ``test2``, before the third round of tuning
(terse asks, a problem sentence followed by "what now?", synonyms the KB does not use) and
then tuned on, ``test4`` (``offline_threads_test4.jsonl``) blind after that round (its misses
then looked at and tuned on), ``test5`` blind after the fourth round, run once. Before the
third round the miss lists of ``test`` and ``test2`` (in the committed results) had been seen;
the held-out figures are the first runs in ``FIRST_RUN``.

Every thread is drafted through the service's own pipeline (retrieval, question extraction,
offline drafter, guardrails), as ``replydraft draft`` would. Per split and language:

- ``answered_rate``: asks the KB answers whose article the draft quotes (its title is cited and
  at least one of its sentences is copied);
- ``internal_leaks``: sentences of ``audience: internal`` articles, or sentences labelled as
  instructions to agents, found in a draft (must be 0);
- ``deferrals_visible``: asks with no KB answer for which the draft says it is checking and the
  report has a ``pending`` question (the deferral is there for the agent to see).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from service.models import DraftReport, DraftRequest  # noqa: E402
from service.runtime import Runtime  # noqa: E402
from service.settings import Settings  # noqa: E402

DATA = REPO / "benchmarks" / "data"
RESULTS = REPO / "benchmarks" / "results"
TARGET_ANSWERED = 0.80
# answered_rate on each later split's first run, before anything was tuned on it.
FIRST_RUN = {
    "test3": {"all": 0.64, "en": 0.5, "ja": 0.818},
    "test4": {"all": 0.81, "en": 0.75, "ja": 0.889},
    "test5": {"all": 0.895, "en": 0.818, "ja": 1.0},
}
_KB_FIELDS = ("id", "title", "url", "body", "last_reviewed", "audience")


def load_kbs() -> dict[str, list[dict[str, Any]]]:
    """The benchmark's knowledge bases, by name (articles as in the benchmark file)."""
    kbs: dict[str, list[dict[str, Any]]] = json.loads(
        (DATA / "offline_kb.json").read_text(encoding="utf-8")
    )
    return kbs


def load_threads(split: str) -> list[dict[str, Any]]:
    """The labelled threads of one split."""
    path = DATA / f"offline_threads_{split}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def draft_request(thread: dict[str, Any], kb: list[dict[str, Any]]) -> DraftRequest:
    """The contract request a helpdesk would send for the thread, drafted offline."""
    return DraftRequest.model_validate(
        {
            "thread": {"subject": thread.get("subject"), "messages": thread["messages"]},
            "customer": {"name": thread.get("customer_name")},
            "agent": {"name": "Alex Morgan" if thread["language"] == "en" else "佐藤 花子"},
            "voice": {"brand": "Example Co." if thread["language"] == "en" else "エグザンプル"},
            "knowledge_base": [{k: a[k] for k in _KB_FIELDS if k in a} for a in kb],
            "model": "offline",
        }
    )


def _settings(data_dir: Path) -> Settings:
    return Settings(
        database_url="sqlite:///:memory:",
        data_dir=data_dir,
        llm_model=None,
        llm_fallback_models=[],
        guardrails=None,
        question_judge="lexical",
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sentences(body: str) -> list[str]:
    from service.backends.offline_text import article_sentences

    return article_sentences(body)


def quotes(draft: str, article: dict[str, Any]) -> bool:
    """Whether the draft cites the article and copies at least one of its sentences."""
    flat = _flat(draft)
    copied = any(_flat(s) in flat for s in _sentences(article["body"]))
    return article["title"] in draft and copied


def leaks(draft: str, kb: list[dict[str, Any]]) -> list[str]:
    """Internal-article sentences and agent instructions that the draft copied."""
    flat = _flat(draft)
    found = []
    for article in kb:
        never = list(article.get("agent_sentences", []))
        if article.get("audience") == "internal":
            never += _sentences(article["body"])
        found += [s for s in never if _flat(s) in flat]
    return found


def score_thread(
    thread: dict[str, Any], kb: list[dict[str, Any]], report: DraftReport
) -> dict[str, Any]:
    """Per-ask outcomes for one drafted thread."""
    by_id = {a["id"]: a for a in kb}
    pending = any(q.status == "pending" for q in report.questions)
    asks = []
    for ask in thread["asks"]:
        article = by_id.get(ask["article"]) if ask["article"] else None
        row: dict[str, Any] = {"text": ask["text"], "article": ask["article"]}
        if article is not None:
            row["answered"] = quotes(report.body, article)
        else:
            row["deferral_visible"] = pending
        asks.append(row)
    return {
        "id": thread["id"],
        "language": thread["language"],
        "asks": asks,
        "leaks": leaks(report.body, kb),
        "questions_found": [q.text for q in report.questions],
        "verify_before_send": report.verify_before_send,
        "body": report.body,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rates over a set of scored threads."""
    answerable = [a for r in rows for a in r["asks"] if a["article"]]
    unanswerable = [a for r in rows for a in r["asks"] if not a["article"]]
    answered = sum(a["answered"] for a in answerable)
    visible = sum(a["deferral_visible"] for a in unanswerable)
    return {
        "threads": len(rows),
        "asks_kb_answers": len(answerable),
        "answered": answered,
        "answered_rate": round(answered / len(answerable), 3) if answerable else None,
        "asks_without_kb_answer": len(unanswerable),
        "deferrals_visible": visible,
        "internal_leaks": sum(len(r["leaks"]) for r in rows),
    }


async def _draft_all(runtime: Runtime, requests: list[DraftRequest]) -> list[DraftReport]:
    return [(await runtime.pipeline.draft(runtime.resolve(r))).report for r in requests]


def run(split: str) -> dict[str, Any]:
    """Draft and score every thread of ``split``."""
    kbs = load_kbs()
    threads = load_threads(split)
    requests = [draft_request(t, kbs[t["kb"]]) for t in threads]
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime.build(_settings(Path(tmp)))
        reports = asyncio.run(_draft_all(runtime, requests))
    rows = [score_thread(t, kbs[t["kb"]], r) for t, r in zip(threads, reports, strict=True)]
    by_language: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_language[row["language"]].append(row)
    return {
        "split": split,
        "all": summarise(rows),
        "by_language": {lang: summarise(part) for lang, part in sorted(by_language.items())},
        "misses": [
            {
                "id": r["id"],
                "ask": a["text"],
                "article": a["article"],
                "found": r["questions_found"],
            }
            for r in rows
            for a in r["asks"]
            if a["article"] and not a["answered"]
        ],
        "leaks": [{"id": r["id"], "sentences": r["leaks"]} for r in rows if r["leaks"]],
        "drafts": {r["id"]: r["body"] for r in rows},
    }


def main() -> int:
    """Run the benchmark, print a summary and write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--split", choices=("dev", "test", "test2", "test3", "test4", "test5", "all"), default="all"
    )
    parser.add_argument("--show", action="store_true", help="print every draft")
    args = parser.parse_args()
    every = ("dev", "test", "test2", "test3", "test4", "test5")
    splits = every if args.split == "all" else (args.split,)
    results = {split: run(split) for split in splits}
    for split, result in results.items():
        print(f"== {split} (target answered_rate >= {TARGET_ANSWERED}, internal_leaks == 0)")
        for name, summary in [("all", result["all"]), *result["by_language"].items()]:
            print(f"  {name}: {json.dumps(summary)}")
        for miss in result["misses"]:
            print(f"  miss {miss['id']}: {miss['ask']!r} -> {miss['article']}")
        for leak in result["leaks"]:
            print(f"  LEAK {leak['id']}: {leak['sentences']}")
        if args.show:
            for thread_id, body in result["drafts"].items():
                print(f"--- {thread_id}\n{body}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {
        split: {k: v for k, v in r.items() if k != "drafts"} for split, r in results.items()
    }
    out["first_run"] = FIRST_RUN
    print(f"first runs (held out): {json.dumps(FIRST_RUN)}")
    path = RESULTS / "offline_drafter.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
