"""Load: replydraft serve under concurrent drafts against a loopback provider that takes 1.0 s.

Usage:
  python benchmarks/load.py [--clients 10,50,100] [--drafts 1000] [--workers 1,2]
                            [--kb 20,500] [--delay 1.0] [--max-seconds 300] [--stream true,false]
                            [--warm-up 20] [--start staggered,lockstep]
Writes benchmarks/results/load.json and load.md.

Everything runs on loopback: a fake OpenAI-compatible provider (``benchmarks/load_edge.py``,
the test fake's answers served by plain asyncio) in its own process answering every completion
after exactly ``--delay`` seconds, and ``replydraft serve --workers N`` in another; the clients
are keep-alive connections of this process (``LeanClient``). Provider and clients are the
benchmark's edge, not the product: they are kept cheap because they share the cores with the
server, and the CPU each of the three spends per draft is reported. Each configuration sends
``--drafts`` drafts from ``--clients`` concurrent clients and stops early after
``--max-seconds`` (bounded in count and time). Overhead is end-to-end latency minus the
provider's fixed delay: the time replydraft itself adds (masking, retrieval, prompt,
restore, guardrails, storage, audit).

``--start``: with ``lockstep`` every client sends its first request at the same instant, and
since the provider answers after exactly ``--delay`` the requests keep arriving in clumps
(waves of about one per client, each queueing behind the others' CPU); ``staggered`` spreads
the clients' first requests evenly over one provider delay, as independent callers would
arrive. Each row reports how clumped its arrivals were (``arrivals_per_50ms``) and how the
clients' connections were spread over the workers (``connections_per_worker``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.load_edge import LeanClient  # noqa: E402
from service.knowledge.files import load_knowledge_base  # noqa: E402
from service.models import KnowledgeArticle  # noqa: E402
from service.storage import Store  # noqa: E402
from service.storage.keys import KeyStore  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
DRAFT_TEXT = (
    "Hi <PERSON_1>,\n\nThanks for letting us know about the double charge on order #48213. "
    "If you were charged twice, we refund the duplicate charge to the original card; refunds "
    "reach your card within 5-10 business days. To download invoices, open Billing, choose "
    "Invoices and click Download PDF next to the invoice.\n\nBest regards,\nSam"
)
JA_DRAFT_TEXT = (
    "<PERSON_1>様\n\nお問い合わせいただきありがとうございます。サポート担当のSamです。\n\n"
    "ご注文 #48213 の請求書は、アカウント > お支払い > 請求書 から各請求書の「PDFをダウンロード」"
    "でダウンロードできます。宛名は、請求先情報の「編集」から会社名に変更でき、変更後に発行される"
    "請求書から反映されます。\n\nどうぞよろしくお願いいたします。\nSam"
)
DRAFT_TEXTS = {"en": DRAFT_TEXT, "ja": JA_DRAFT_TEXT}
# The provider runs in a process of its own (its CPU is measured apart from the server's).
FAKE_PROVIDER = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from benchmarks.load import DRAFT_TEXTS
from benchmarks.load_edge import serve_forever
serve_forever(DRAFT_TEXTS[sys.argv[2]], float(sys.argv[1]), sys.argv[3:] == ["vary"])
"""
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Result:
    """One configuration's figures."""

    stream: bool
    workers: int
    clients: int
    kb_articles: int
    drafts: int
    errors: int
    seconds: float
    throughput_per_s: float
    e2e_p50_ms: float
    e2e_p95_ms: float
    e2e_p99_ms: float
    overhead_p50_ms: float
    overhead_p95_ms: float
    overhead_p99_ms: float
    rss_peak_mb: float
    stopped_early: bool
    server_cpu_ms_per_draft: float
    provider_cpu_ms_per_draft: float
    client_cpu_ms_per_draft: float
    load_average: str
    start: str = "lockstep"
    arrivals_per_50ms: float = 0.0
    connections_per_worker: str = ""


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def knowledge_base(size: int, lang: str = "en") -> list[KnowledgeArticle]:
    """``size`` articles: the example KB of ``lang``, repeated under new ids, titles and URLs."""
    base = load_knowledge_base(REPO / "examples/kb" / lang)
    out: list[KnowledgeArticle] = []
    for copy in range(size // len(base) + 1):
        for article in base:
            suffix = f"-{copy}" if copy else ""
            out.append(
                article.model_copy(
                    update={
                        "id": f"{article.id}{suffix}",
                        "title": f"{article.title}{' ' + str(copy) if copy else ''}",
                        "url": f"{article.url}{suffix}" if article.url else None,
                    }
                )
            )
    return out[:size]


def request_body(kb_id: str, n: int = 0, lang: str = "en") -> dict[str, object]:
    """Draft request ``n`` (a stored KB, a short English or Japanese thread).

    The order number, email and phone differ per request so no cache keyed on the
    customer's text is hit twice: only what depends on the knowledge base repeats.
    """
    order = 48213 + n
    if lang == "ja":
        return ja_request_body(kb_id, n)
    body = (
        f"Hi,\nI was charged twice for order #{order}. Can you refund the duplicate charge? "
        f"How do I download my invoices as PDF? You can reach me at maria.lopez{n}@example.com "
        f"or +1 415 555 {n % 10000:04d}.\n\nThanks,\nMaria Lopez"
    )
    return {
        "thread": {
            "subject": f"Double charge on order #{order}",
            "messages": [{"role": "customer", "author_name": "Maria Lopez", "body": body}],
        },
        "customer": {"name": "Maria Lopez"},
        "agent": {"name": "Sam"},
        "knowledge_base_id": kb_id,
    }


def ja_request_body(kb_id: str, n: int = 0) -> dict[str, object]:
    """The Japanese draft request ``n``: an invoice question, the same per-request values."""
    order = 48213 + n
    body = (
        f"お世話になっております。山田です。\n注文番号 #{order} の請求書をPDFで受け取る方法を"
        "教えていただけますか。また、請求書の宛名を会社名に変えられますか。\n"
        f"連絡先: yamada{n}@example.com / 03-5555-{n % 10000:04d}\n"
        "よろしくお願いいたします。\n山田 太郎"
    )
    return {
        "thread": {
            "subject": f"請求書について（注文番号 #{order}）",
            "messages": [{"role": "customer", "author_name": "山田 太郎", "body": body}],
        },
        "customer": {"name": "山田 太郎", "locale": "ja-JP"},
        "agent": {"name": "Sam"},
        "knowledge_base_id": kb_id,
    }


def arrivals_seen(sent_at: list[float], window_s: float = 0.05) -> float:
    """Requests sent in the same ``window_s`` bin as each request (itself included), on average.

    A measure of clumping: with requests sent at an even rate r it is about ``r * window_s``
    (plus one); when every client sends at the same instant it is near the client count.
    """
    if not sent_at:
        return 0.0
    bins = Counter(int(t / window_s) for t in sent_at)
    return sum(bins[int(t / window_s)] for t in sent_at) / len(sent_at)


def connections_per_worker(pid: int, port: int) -> list[int]:
    """Established connections to ``port`` each process under ``pid`` holds (Linux /proc).

    Sorted from most to least: how evenly the kernel spread the clients' keep-alive
    connections over the workers.
    """
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            # local address "ADDR:PORT" in hex; state 01 is ESTABLISHED.
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(fields[9])
    counts = []
    for current in descendants(pid):
        held = 0
        try:
            for fd in Path(f"/proc/{current}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    held += 1
        except OSError:
            continue
        if held:
            counts.append(held)
    return sorted(counts, reverse=True)


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux /proc): the server and its workers."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, in MB (Linux /proc)."""
    total = 0
    for current in descendants(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
        except (OSError, StopIteration):
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` so far (``/proc/<pid>/stat``, fields 14 and 15)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of ``pid`` and its live descendants (the server's workers)."""
    return sum(cpu_seconds(p) for p in descendants(pid))


@dataclass
class Run:
    """What one configuration's clients measured, and the CPU each process spent meanwhile."""

    latencies: list[float]
    errors: int
    seconds: float
    rss_peak_mb: float
    stopped_early: bool
    server_cpu_s: float
    provider_cpu_s: float
    client_cpu_s: float
    sent_at: list[float]
    connections: list[int]


async def run_clients(
    port: int,
    key: str,
    kb_id: str,
    clients: int,
    drafts: int,
    max_seconds: float,
    pid: int,
    provider_pid: int,
    first: int = 0,
    start: str = "lockstep",
    delay: float = 1.0,
) -> Run:
    """Send ``drafts`` drafts from ``clients`` concurrent clients; latencies in ms.

    Each client is one keep-alive connection (``LeanClient``: cheap, so that the load
    generator does not take the cores the server is measured on). ``start`` ``lockstep``:
    every client sends its first request at once; ``staggered``: client i waits
    ``i / clients`` of one provider ``delay`` first (see benchmarks/README.md for why both).
    """
    latencies: list[float] = []
    sent_at: list[float] = []
    connections: list[int] = []
    errors = 0
    sent = 0
    peak_rss = 0.0
    server_cpu, provider_cpu = tree_cpu_seconds(pid), cpu_seconds(provider_pid)
    client_cpu = time.process_time()
    started = time.perf_counter()
    deadline = started + max_seconds
    headers = {"Authorization": f"Bearer {key}"}

    async def one_client(index: int) -> None:
        nonlocal sent, errors
        client = LeanClient("127.0.0.1", port, headers)
        if start == "staggered":
            await asyncio.sleep(delay * index / clients)
        try:
            while sent < drafts and time.perf_counter() < deadline:
                sent += 1
                body = request_body(kb_id, first + sent)
                t0 = time.perf_counter()
                sent_at.append(t0 - started)
                try:
                    answer = await client.post("/v1/drafts", body)
                    ok = answer.status == 200 and not any(
                        f["code"] == "llm_fallback" for f in answer.body["flags"]
                    )
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    await client.close()
                if ok:
                    latencies.append((time.perf_counter() - t0) * 1000)
                else:
                    errors += 1
        finally:
            await client.close()

    async def sample_rss() -> None:
        nonlocal peak_rss, connections
        while True:
            peak_rss = max(peak_rss, rss_mb(pid))
            held = connections_per_worker(pid, port)
            if sum(held) >= sum(connections):  # the sample with every client connected
                connections = held
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample_rss())
    await asyncio.gather(*(one_client(i) for i in range(clients)))
    sampler.cancel()
    elapsed = time.perf_counter() - started
    return Run(
        latencies,
        errors,
        elapsed,
        peak_rss,
        sent < drafts,
        tree_cpu_seconds(pid) - server_cpu,
        cpu_seconds(provider_pid) - provider_cpu,
        time.process_time() - client_cpu,
        sent_at,
        connections,
    )


def start_server(
    workers: int, env: dict[str, str], port: int, log: Path
) -> subprocess.Popen[bytes]:
    """``replydraft serve --workers N`` in its own session; returns once every worker is ready."""
    command = [sys.executable, "-m", "service.cli", "serve", "--workers", str(workers)]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 180
    # A worker logs 'ready' when its app has started, which can be just before the server
    # listens (one worker binds after its start-up): wait for both, or the first clients of a
    # loaded machine are refused.
    while log.read_text().count('"event": "ready"') < workers or not listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("replydraft serve did not start:\n" + log.read_text()[-2000:])
        time.sleep(0.5)
    return process


def listening(port: int) -> bool:
    """Whether something accepts TCP connections on loopback ``port``."""
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process group started with ``start_new_session``."""
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def prepare(
    database_url: str,
    work: Path,
    kb_sizes: list[int],
    delay: float,
    label: str,
    *,
    vary: bool = False,
    lang: str = "en",
) -> tuple[str, subprocess.Popen[bytes], dict[str, str]]:
    """Seed the store (an API key, one KB per size), start the fake provider, build serve's env.

    Returns the API key, the fake provider's process (stop it with ``stop``) and the
    environment ``replydraft serve`` runs with against that provider.
    """
    with Store(database_url) as store:
        store.migrate()
        _key, key = KeyStore(store.engine).create("agent", label)
        for size in kb_sizes:
            store.put_knowledge_base(f"kb{size}", knowledge_base(size, lang))
    fake = subprocess.Popen(
        [sys.executable, "-c", FAKE_PROVIDER, str(delay), lang, *(["vary"] if vary else [])],
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    assert fake.stdout is not None
    api_base = fake.stdout.readline().decode().strip()
    env = {
        **os.environ,
        "REPLYDRAFT_DATABASE_URL": database_url,
        "REPLYDRAFT_DATA_DIR": str(work),
        "REPLYDRAFT_LLM_MODEL": "openai/fake-model",
        "REPLYDRAFT_LLM_API_BASE": api_base,
        "REPLYDRAFT_LLM_API_KEY": "not-needed-on-loopback",
    }
    return key, fake, env


def main() -> None:
    """Run the matrix and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="10,50,100")
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--kb", default="20,500")
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument(
        "--warm-up",
        type=int,
        default=20,
        help="unmeasured drafts before each row (first requests load a KB's caches)",
    )
    parser.add_argument("--database-url", default=None, help="default: a SQLite file")
    parser.add_argument(
        "--stream",
        default="true",
        help="REPLYDRAFT_LLM_STREAM values to run (true,false: both; false = one answer a call)",
    )
    parser.add_argument(
        "--start",
        default="staggered,lockstep",
        help="how clients start (staggered,lockstep: both rows): staggered spreads the "
        "clients' first requests over one provider delay, lockstep sends them all at once",
    )
    args = parser.parse_args()
    if not set(args.start.split(",")) <= {"staggered", "lockstep"}:
        parser.error("--start takes staggered, lockstep or both")
    work = Path(tempfile.mkdtemp(prefix="replydraft-load-"))
    database_url = args.database_url or f"sqlite:///{work / 'load.db'}"
    key, fake, env = prepare(
        database_url, work, [int(k) for k in args.kb.split(",")], args.delay, "load benchmark"
    )
    results: list[Result] = []
    runs = [(stream, int(w)) for stream in args.stream.split(",") for w in args.workers.split(",")]
    try:
        for stream, workers in runs:
            port = free_port()
            env["REPLYDRAFT_LLM_STREAM"] = stream
            log = work / f"serve-{workers}-{stream}.log"
            server = start_server(workers, env, port, log)
            try:
                for size in (int(k) for k in args.kb.split(",")):
                    for clients, start in (
                        (int(c), start)
                        for c in args.clients.split(",")
                        for start in args.start.split(",")
                    ):
                        # Different customer texts from the measured drafts' (no cache hits).
                        warm = (port, key, f"kb{size}", clients, args.warm_up, args.max_seconds)
                        asyncio.run(run_clients(*warm, server.pid, fake.pid, first=10**6))
                        run = asyncio.run(
                            run_clients(
                                port,
                                key,
                                f"kb{size}",
                                clients,
                                args.drafts,
                                args.max_seconds,
                                server.pid,
                                fake.pid,
                                start=start,
                                delay=args.delay,
                            )
                        )
                        row = (stream == "true", workers, clients, size, start)
                        results.append(summarise(*row, run, args.delay))
                        print(json.dumps(asdict(results[-1])), flush=True)
            finally:
                stop(server)
    finally:
        stop(fake)
    write(results, args)


def summarise(
    stream: bool, workers: int, clients: int, size: int, start: str, run: Run, delay: float
) -> Result:
    """Percentiles of end-to-end latency and overhead (minus the provider's delay); CPU a draft.

    CPU is each process's (the server's tree, the provider's, this load generator's) over the
    row's run divided by the drafts it completed.
    """
    latencies = run.latencies or [float("nan")]
    overhead = [v - delay * 1000 for v in latencies]
    done = max(1, len(run.latencies))
    return Result(
        stream=stream,
        workers=workers,
        clients=clients,
        kb_articles=size,
        drafts=len(run.latencies),
        errors=run.errors,
        seconds=round(run.seconds, 1),
        throughput_per_s=round(len(run.latencies) / run.seconds, 1),
        e2e_p50_ms=round(statistics.median(latencies), 1),
        e2e_p95_ms=round(percentile(latencies, 0.95), 1),
        e2e_p99_ms=round(percentile(latencies, 0.99), 1),
        overhead_p50_ms=round(statistics.median(overhead), 1),
        overhead_p95_ms=round(percentile(overhead, 0.95), 1),
        overhead_p99_ms=round(percentile(overhead, 0.99), 1),
        rss_peak_mb=round(run.rss_peak_mb, 0),
        stopped_early=run.stopped_early,
        server_cpu_ms_per_draft=round(run.server_cpu_s * 1000 / done, 1),
        provider_cpu_ms_per_draft=round(run.provider_cpu_s * 1000 / done, 1),
        client_cpu_ms_per_draft=round(run.client_cpu_s * 1000 / done, 1),
        load_average=" / ".join(f"{v:.1f}" for v in os.getloadavg()),
        start=start,
        arrivals_per_50ms=round(arrivals_seen(run.sent_at), 1),
        connections_per_worker="+".join(str(n) for n in run.connections),
    )


def write(results: list[Result], args: argparse.Namespace) -> None:
    """benchmarks/results/load.json and load.md."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    meminfo = Path("/proc/meminfo").read_text().split()
    memory_gb = round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024**2)
    machine = (
        f"{os.cpu_count()}-core {platform.machine()}, {memory_gb} GB, Python "
        f"{platform.python_version()}; load average at the end {os.getloadavg()[0]:.1f} "
        "(the cores are shared: figures are noisy)"
    )
    payload = {"machine": machine, "args": vars(args), "results": [asdict(r) for r in results]}
    (RESULTS / "load.json").write_text(json.dumps(payload, indent=2) + "\n")
    lines = [
        f"# Load benchmark\n\nMachine: {machine}. Provider: loopback fake, {args.delay} s per "
        "completion. Overhead = end-to-end minus the provider delay. CPU ms per draft: the "
        "server (parent and workers), the fake provider and the load generator, each over the "
        "row's run divided by its completed drafts. Load average (1 / 5 / 15 min) at the row's "
        "end. Start: lockstep, every client sends its first request at once; staggered, client "
        "i waits i/clients of one provider delay first. Arrivals / 50 ms: requests sent in the "
        "same 50 ms as each request, on average (clumping: about throughput x 0.05 + 1 for "
        "evenly spread requests). Connections per worker: the clients' keep-alive connections "
        "each worker process held.\n",
        "| stream | workers | clients | start | KB articles | drafts | errors | drafts/s | "
        "e2e p50 | e2e p95 | e2e p99 | overhead p50 | overhead p95 | overhead p99 | "
        "arrivals / 50 ms | connections per worker | RSS peak MB | server CPU ms | "
        "provider CPU ms | client CPU ms | load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {'on' if r.stream else 'off'} | {r.workers} | {r.clients} | {r.start} | "
            f"{r.kb_articles} | {r.drafts} | {r.errors} | "
            f"{r.throughput_per_s} | {r.e2e_p50_ms} | {r.e2e_p95_ms} | {r.e2e_p99_ms} | "
            f"{r.overhead_p50_ms} | {r.overhead_p95_ms} | {r.overhead_p99_ms} | "
            f"{r.arrivals_per_50ms} | {r.connections_per_worker} | {r.rss_peak_mb} | "
            f"{r.server_cpu_ms_per_draft} | {r.provider_cpu_ms_per_draft} | "
            f"{r.client_cpu_ms_per_draft} | {r.load_average} |"
        )
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
