"""CPU per stage of a remote-model draft: where ``draft_cpu.py``'s milliseconds go.

Usage:
  python benchmarks/draft_stages.py [--drafts 200] [--lang en,ja] [--stream false,true]
Prints one block per configuration and writes benchmarks/results/draft_stages.json and .md.

``draft_cpu.py`` reads a whole server process's CPU; this one splits it. The app
``replydraft serve`` runs (``serving_app``, the same settings and stores: SQLite, a 20-article
knowledge base) is called in-process over ASGI, one request at a time, against the loopback
fake provider (its own process, not counted). Work the service hands to worker threads runs
on the calling thread here (``asyncio.to_thread`` is replaced), so one thread's CPU time
(``time.thread_time``) holds a draft's whole cost, and each stage's share is the thread CPU
spent inside its function. Stages nest where the code does: the questions judge runs inside
the guardrails, the at-rest copies inside storage; the PII analyses (and the Japanese name
reader and its tagger inside them) and the prompt-injection check are summed across the
stages that call them. "HTTP and the rest" is the total less the top-level stages: FastAPI,
middleware, validation and serialisation, logging, the pipeline's
glue, and the in-process test client's side of each request.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.load import prepare, request_body, stop  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
KB_SIZE = 20

# (label, module, class, method): the stages timed, in the order a draft meets them.
STAGES = [
    ("prepare (normalise, extract asks, retrieve)", "service.pipeline.drafting",
     "DraftPipeline", "_prepare"),
    ("mask and render the prompt", "service.pipeline.drafting", "DraftPipeline",
     "_masked_prompt"),
    ("model call (litellm, fake answering at once)", "service.backends.litellm_backend",
     "LiteLLMBackend", "complete"),
    ("guardrails (all)", "guardrails.runner", "GuardrailRunner", "run"),
    ("  of which the questions judge", "guardrails.questions.judge", "LexicalJudge", "assess"),
    ("storage and audit (all)", "service.runtime", "Runtime", "_keep"),
    ("  of which the masked at-rest copies", "service.runtime", "Runtime", "_at_rest"),
    # Across the stages above (masking, guardrails, at-rest copies): where the PII CPU goes.
    ("  PII analyses, all stages", "guardrails.pii.engine", "PiiEngine", "analyze"),
    ("    of which Japanese names", "guardrails.pii.recognizers_ja", "JapaneseNameRecognizer",
     "analyze"),
    ("      of which the name tagger's scores", "guardrails.pii.ja_person_model",
     "PersonTagger", "scores"),
    ("  the prompt-injection check", "guardrails.verify.prompt_injection", "PromptInjection",
     "check"),
]  # fmt: skip
TOP_LEVEL = [label for label, *_ in STAGES if not label.startswith(" ")]


def _timed(method: Callable[..., Any], label: str, spent: Counter[str]) -> Callable[..., Any]:
    """``method`` adding the thread CPU it takes to ``spent[label]``."""
    if asyncio.iscoroutinefunction(method):

        @functools.wraps(method)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            began = time.thread_time()
            try:
                return await method(*args, **kwargs)
            finally:
                spent[label] += time.thread_time() - began

        return timed_async

    @functools.wraps(method)
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.thread_time()
        try:
            return method(*args, **kwargs)
        finally:
            spent[label] += time.thread_time() - began

    return timed


def instrument(spent: Counter[str]) -> None:
    """Time every stage and run worker-thread work inline (one thread holds all the CPU)."""
    import importlib

    async def inline(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    asyncio.to_thread = inline  # type: ignore[assignment]
    for label, module, cls, name in STAGES:
        owner = getattr(importlib.import_module(module), cls)
        setattr(owner, name, _timed(getattr(owner, name), label, spent))


async def drafts(
    app: Any, key: str, lang: str, count: int, warm_up: int, spent: Counter[str]
) -> float:
    """Thread CPU ms per draft over ``count`` drafts after ``warm_up`` unmeasured ones."""
    import httpx

    headers = {"Authorization": f"Bearer {key}"}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        for n in range(warm_up):
            await client.post(
                "/v1/drafts", json=request_body(f"kb{KB_SIZE}", n, lang), headers=headers
            )
        spent.clear()
        began = time.thread_time()
        for n in range(warm_up, warm_up + count):
            answer = await client.post(
                "/v1/drafts", json=request_body(f"kb{KB_SIZE}", n, lang), headers=headers
            )
            if answer.status_code != 200:
                raise SystemExit(f"draft {n} answered {answer.status_code}: {answer.text}")
        return (time.thread_time() - began) * 1000 / count


def measure(lang: str, stream: str, count: int, warm_up: int) -> dict[str, object]:
    """One configuration, in a child process of its own (the stages are patched per process)."""
    work = Path(tempfile.mkdtemp(prefix="replydraft-stages-"))
    key, fake, env = prepare(
        f"sqlite:///{work / 'stages.db'}", work, [KB_SIZE], 0.0, "stages benchmark", lang=lang
    )
    try:
        os.environ.update(
            {**env, "REPLYDRAFT_LLM_STREAM": stream, "REPLYDRAFT_LOG_LEVEL": "WARNING"}
        )
        spent: Counter[str] = Counter()
        instrument(spent)
        from service.app import serving_app
        from service.settings import Settings

        app = serving_app(Settings())
        total = asyncio.run(drafts(app, key, lang, count, warm_up, spent))
    finally:
        stop(fake)
    stages = {label: round(spent[label] * 1000 / count, 2) for label, *_ in STAGES}
    rest = total - sum(stages[label] for label in TOP_LEVEL)
    return {
        "lang": lang,
        "stream": stream == "true",
        "kb_articles": KB_SIZE,
        "drafts": count,
        "cpu_ms_per_draft": round(total, 2),
        "stages_ms": {**stages, "HTTP and the rest": round(rest, 2)},
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    """Each language and stream mode in its own process; print and write the rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20)
    parser.add_argument("--lang", default="en,ja")
    parser.add_argument("--stream", default="false,true")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)  # child: "lang,stream"
    parser.add_argument("--out", type=Path, default=RESULTS / "draft_stages.json")
    args = parser.parse_args()
    if args.one:
        lang, stream = args.one.split(",")
        print(json.dumps(measure(lang, stream, args.drafts, args.warm_up)))
        return
    import subprocess

    rows = []
    for lang in args.lang.split(","):
        for stream in args.stream.split(","):
            child = subprocess.run(
                [sys.executable, __file__, "--one", f"{lang},{stream}",
                 "--drafts", str(args.drafts), "--warm-up", str(args.warm_up)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            row = json.loads(child.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(json.dumps(row), flush=True)
    write(rows, args)


def write(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """``--out`` (JSON) and a Markdown table beside it: one column per configuration."""
    machine = f"{os.cpu_count()}-core {platform.machine()}, Python {platform.python_version()}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2) + "\n")
    heads = [f"{r['lang']} {'streamed' if r['stream'] else 'unstreamed'}" for r in rows]
    lines = [
        "# CPU per stage of a remote-model draft\n",
        f"Machine: {machine}. In-process app, one request at a time, {KB_SIZE}-article KB, "
        f"{args.drafts} drafts per column after {args.warm_up} warm-up drafts; thread CPU ms "
        "per draft (see `draft_stages.py`).\n",
        "| stage | " + " | ".join(heads) + " |",
        "|---|" + "---|" * len(rows),
    ]
    for label in [*(label for label, *_ in STAGES), "HTTP and the rest"]:
        cells = " | ".join(f"{r['stages_ms'][label]:.2f}" for r in rows)
        lines.append(f"| {label.strip()} | {cells} |")
    lines.append(
        "| **total** | " + " | ".join(f"**{r['cpu_ms_per_draft']:.2f}**" for r in rows) + " |"
    )
    lines.append("| load average | " + " | ".join(str(r["load_average"]) for r in rows) + " |")
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
