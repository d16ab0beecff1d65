"""CPU per remote-model draft: one ``replydraft serve`` process against a loopback fake.

Usage:
  python benchmarks/draft_cpu.py [--drafts 200] [--clients 4] [--kb 20,500]
                                 [--stream true,false] [--lang en,ja] [--py-spy DIR]
                                 [--vary-draft]
Prints one JSON line per configuration and writes benchmarks/results/draft_cpu.json and .md.

Wall-clock latency on a shared machine says little about the code; the CPU time the server
process spends per draft does not depend on what else runs. The server is one process (no
worker pool), so its user + system time read from ``/proc`` before and after the measured
drafts, divided by their number, is the CPU per draft: masking, retrieval, prompt, the model
client (litellm), restore, guardrails, storage and audit, plus HTTP and JSON. The fake provider
answers at once (``--delay 0``) in its own process, whose CPU is not counted. ``--py-spy DIR``
records a flame graph (speedscope JSON) of the server during each configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.load import (  # noqa: E402
    cpu_seconds,
    free_port,
    prepare,
    request_body,
    start_server,
    stop,
)
from benchmarks.load_edge import LeanClient  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"


async def send(
    port: int, key: str, kb_id: str, clients: int, drafts: int, first: int, lang: str = "en"
) -> int:
    """``drafts`` drafts from ``clients`` concurrent clients; returns how many failed."""
    failed = 0
    sent = 0
    headers = {"Authorization": f"Bearer {key}"}

    async def one_client() -> None:
        nonlocal sent, failed
        client = LeanClient("127.0.0.1", port, headers)
        try:
            while sent < drafts:
                sent += 1
                answer = await client.post("/v1/drafts", request_body(kb_id, first + sent, lang))
                if answer.status != 200 or any(
                    f["code"] == "llm_fallback" for f in answer.body["flags"]
                ):
                    failed += 1
        finally:
            await client.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return failed


def main() -> None:
    """Measure each configuration and print its CPU per draft."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--kb", default="20,500")
    parser.add_argument("--stream", default="false,true")
    parser.add_argument(
        "--lang",
        default="en",
        help="en, ja or both: the request, the KB (examples/kb/<lang>) and the model's draft",
    )
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument(
        "--vary-draft",
        action="store_true",
        help="the fake model answers each request with its own order number (no two drafts "
        "alike, as from a real model); by default every draft is the same text",
    )
    parser.add_argument("--py-spy", type=Path, default=None, help="write flame graphs here")
    parser.add_argument("--out", type=Path, default=RESULTS / "draft_cpu.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="replydraft-cpu-"))
    sizes = [int(k) for k in args.kb.split(",")]
    rows: list[dict[str, object]] = []
    for lang in args.lang.split(","):
        rows.extend(measure(args, work / lang, sizes, lang))
    write(rows, args)


def measure(
    args: argparse.Namespace, work: Path, sizes: list[int], lang: str
) -> list[dict[str, object]]:
    """Each stream mode and KB size of one language, against a fake answering in it."""
    work.mkdir(parents=True)
    database_url = f"sqlite:///{work / 'cpu.db'}"
    key, fake, env = prepare(
        database_url, work, sizes, args.delay, "cpu benchmark", vary=args.vary_draft, lang=lang
    )
    rows: list[dict[str, object]] = []
    try:
        for stream in args.stream.split(","):
            env["REPLYDRAFT_LLM_STREAM"] = stream
            port = free_port()
            server = start_server(1, env, port, work / f"serve-{stream}.log")
            try:
                for size in sizes:
                    kb_id = f"kb{size}"
                    asyncio.run(send(port, key, kb_id, args.clients, args.warm_up, 0, lang))
                    spy = None
                    if args.py_spy is not None:
                        args.py_spy.mkdir(parents=True, exist_ok=True)
                        target = args.py_spy / f"{lang}-stream-{stream}-kb{size}.json"
                        spy = subprocess.Popen(
                            [
                                py_spy_binary(),
                                "record",
                                "--pid",
                                str(server.pid),
                                "--format",
                                "speedscope",
                                "--output",
                                str(target),
                                "--rate",
                                "200",
                                "--gil",
                            ],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                        time.sleep(1.0)
                    before, t0 = cpu_seconds(server.pid), time.perf_counter()
                    failed = asyncio.run(
                        send(port, key, kb_id, args.clients, args.drafts, args.warm_up, lang)
                    )
                    cpu = cpu_seconds(server.pid) - before
                    wall = time.perf_counter() - t0
                    if spy is not None:
                        spy.send_signal(2)
                        spy.wait(timeout=60)
                    row: dict[str, object] = {
                        "lang": lang,
                        "stream": stream == "true",
                        "kb_articles": size,
                        "drafts": args.drafts,
                        "failed": failed,
                        "cpu_ms_per_draft": round(cpu * 1000 / args.drafts, 2),
                        "wall_s": round(wall, 1),
                        "load_average": round(os.getloadavg()[0], 1),
                    }
                    rows.append(row)
                    print(json.dumps(row), flush=True)
            finally:
                stop(server)
    finally:
        stop(fake)
    return rows


def py_spy_binary() -> str:
    """py-spy beside the interpreter (installed in its environment), else the one on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy") or str(beside)


def write(rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    """``--out`` (JSON) and the same table as Markdown beside it."""
    machine = f"{os.cpu_count()}-core {platform.machine()}, Python {platform.python_version()}"
    payload = {
        "machine": machine,
        "drafts": args.drafts,
        "clients": args.clients,
        "vary_draft": args.vary_draft,
        "rows": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        "# CPU per remote-model draft\n",
        f"Machine: {machine}. One `replydraft serve` process, {args.clients} concurrent clients, "
        f"{args.drafts} drafts per row after {args.warm_up} warm-up drafts; loopback fake "
        "provider answering at once (its CPU not counted).\n",
        "| language | stream | KB articles | drafts | failed | CPU ms per draft | load average |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.get('lang', 'en')} | {'on' if r['stream'] else 'off'} | {r['kb_articles']} | "
            f"{r['drafts']} | "
            f"{r['failed']} | {r['cpu_ms_per_draft']} | {r['load_average']} |"
        )
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
