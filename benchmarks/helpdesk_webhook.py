"""How fast a webhook receiver answers: verify, record, enqueue (drafting is on the workers).

Usage: python benchmarks/helpdesk_webhook.py [--runs N]
Writes benchmarks/results/helpdesk_webhook.json and helpdesk_webhook.md.

Needs the local Redis (REPLYDRAFT_REDIS_URL, default 127.0.0.1:6379); the database is a fresh
SQLite file. Each run posts a signed Zendesk ``ticket.comment_added`` event with a new event id
through the ASGI app (in process, no network hop) and times the answer; the queued jobs are
deleted afterwards (no worker runs).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from service.app import create_app  # noqa: E402
from service.helpdesk.context import HelpdeskStores  # noqa: E402
from service.helpdesk.integrations import IntegrationSettings  # noqa: E402
from service.runtime import Runtime  # noqa: E402
from service.settings import Settings  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
TARGET_P95_MS = 100.0
SECRET = "bench-secret"


def signed(event_id: str) -> tuple[bytes, dict[str, str]]:
    """A signed Zendesk event, as Zendesk sends it."""
    body = json.dumps(
        {
            "type": "zen:event-type:ticket.comment_added",
            "id": event_id,
            "detail": {"id": "35436"},
            "event": {"comment": {"is_public": True, "author": {"is_staff": False}}},
        }
    ).encode()
    timestamp = "2026-11-29T10:00:00Z"
    mac = hmac.new(SECRET.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return body, {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Signature": base64.b64encode(mac).decode(),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    }


async def _clear_queue(settings: Settings) -> None:
    from arq import create_pool

    from service.jobs.queue import redis_settings

    pool = await create_pool(redis_settings(settings))
    job_ids = await pool.zrange(settings.helpdesk_queue, 0, -1)
    for job_id in job_ids:
        await pool.delete(f"arq:job:{job_id.decode()}")
    await pool.delete(settings.helpdesk_queue)
    await pool.aclose()


def main() -> None:
    """Time ``--runs`` webhooks and write the results."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=f"sqlite:///{tmp}/bench.db",
            data_dir=Path(tmp),
            helpdesk_queue=f"replydraft-bench:{uuid.uuid4().hex}",
        )
        runtime = Runtime.build(settings)
        HelpdeskStores.build(settings, runtime.store.engine).integrations.put(
            "zendesk",
            IntegrationSettings(
                base_url="http://127.0.0.1:9",
                credentials={"email": SecretStr("a@b.c"), "api_token": SecretStr("t")},
                signing_secret=SecretStr(SECRET),
            ),
        )
        timings: list[float] = []
        with TestClient(create_app(settings, runtime=runtime)) as client:
            for n in range(args.runs + 10):
                body, headers = signed(f"evt-{n}")
                started = time.perf_counter()
                response = client.post("/v1/hooks/zendesk", content=body, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 202, response.text
                if n >= 10:  # warm-up excluded
                    timings.append(elapsed)
        asyncio.run(_clear_queue(settings))
        runtime.store.close()
    timings.sort()
    result = {
        "runs": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
        "max_ms": round(timings[-1], 2),
        "target_p95_ms": TARGET_P95_MS,
        "machine": f"{platform.machine()}, CPython {platform.python_version()}",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "helpdesk_webhook.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "helpdesk_webhook.md").write_text(
        "# Webhook receiver latency (verify + record + enqueue)\n\n"
        f"{result['runs']} signed Zendesk events, SQLite, local Redis, in-process ASGI: "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms "
        f"(target p95 < {TARGET_P95_MS:.0f} ms). {result['machine']}.\n"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
