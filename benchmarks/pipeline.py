"""Service overhead of the drafting pipeline: everything but the model call.

Usage: python benchmarks/pipeline.py [--runs N]
Writes benchmarks/results/pipeline.json and pipeline.md.

Cases: a ~2 KB English thread against the 20-article English example KB (the target case:
overhead p50 < 20 ms), and the shipped example requests. The offline drafter is timed as
"model" and excluded from the overhead, as a remote model would be.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from service.knowledge.files import load_knowledge_base  # noqa: E402
from service.models import DraftRequest  # noqa: E402
from service.runtime import Runtime  # noqa: E402
from service.settings import Settings  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
TARGET_P50_MS = 20.0


def two_kb_thread() -> DraftRequest:
    """A ~2 KB English customer email with three questions, on the 20-article example KB."""
    base = json.loads((REPO / "examples/requests/en_double_charge.json").read_text())
    articles = [a.model_dump(mode="json") for a in load_knowledge_base(REPO / "examples/kb/en")]
    body = base["thread"]["messages"][0]["body"]
    filler = (
        "\nI have been a customer for three years and this is the first time something like "
        "this happened, so I would appreciate a quick look at the account history."
    )
    while len(body) < 2000:
        body += filler
    base["thread"]["messages"][0]["body"] = body[:2048]
    base["knowledge_base"] = articles
    return DraftRequest.model_validate(base)


def cases() -> dict[str, DraftRequest]:
    """The benchmark's named requests."""
    named = {"en_2kb_thread_20_articles": two_kb_thread()}
    for path in sorted((REPO / "examples/requests").glob("*.json")):
        request = DraftRequest.model_validate_json(path.read_text())
        if request.draft is None:
            named[path.stem] = request
    return named


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def measure(runtime: Runtime, request: DraftRequest, runs: int) -> dict[str, float]:
    """Overhead (total - model) and total, p50/p95 in ms."""
    resolved = runtime.resolve(request)
    for _ in range(5):  # warm caches: BM25 index, Sudachi, templates
        await runtime.pipeline.draft(resolved)
    overhead, total, cpu = [], [], []
    for _ in range(runs):
        started = time.process_time()
        outcome = await runtime.pipeline.draft(resolved)
        cpu.append((time.process_time() - started) * 1000)
        timings = outcome.report.timings_ms
        overhead.append(timings["total"] - timings.get("model", 0.0))
        total.append(timings["total"])
    return {
        "overhead_p50_ms": round(statistics.median(overhead), 2),
        "overhead_p95_ms": round(percentile(overhead, 0.95), 2),
        "total_p50_ms": round(statistics.median(total), 2),
        # CPU of the whole draft (offline drafter included): unlike wall time, it does not
        # grow when other jobs share the cores.
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "runs": runs,
        "body_chars": sum(len(m.body) for m in request.thread.messages),
        "articles": len(resolved.articles),
    }


def main() -> None:
    """Run every case and write the results files."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    settings = Settings(database_url="sqlite:///:memory:", llm_model=None)
    runtime = Runtime.build(settings)
    started = time.perf_counter()
    results = {name: asyncio.run(measure(runtime, req, args.runs)) for name, req in cases().items()}
    target = results["en_2kb_thread_20_articles"]["overhead_p50_ms"]
    summary = {
        "target": f"overhead p50 < {TARGET_P50_MS} ms on en_2kb_thread_20_articles",
        "met": target < TARGET_P50_MS,
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "seconds": round(time.perf_counter() - started, 1),
        "cases": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pipeline.json").write_text(json.dumps(summary, indent=2) + "\n")
    lines = [
        "# Pipeline overhead (everything but the model call)",
        "",
        f"Command: `python benchmarks/pipeline.py --runs {args.runs}`. {summary['machine']}.",
        f"Target: {summary['target']}: **{'met' if summary['met'] else 'NOT met'}**.",
        "",
        f"Load average at the end: {os.getloadavg()[0]:.1f} (wall times grow with it, CPU "
        "does not).",
        "",
        "| case | chars | articles | overhead p50 ms | overhead p95 ms | total p50 ms | "
        "CPU p50 ms (whole draft) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['body_chars']} | {r['articles']} | {r['overhead_p50_ms']} | "
            f"{r['overhead_p95_ms']} | {r['total_p50_ms']} | {r['cpu_p50_ms']} |"
        )
    (RESULTS / "pipeline.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
