"""Prometheus metrics (``prometheus_client``): requests, pipeline stages, models, flags, redactions.

One registry per process. Labels are route templates, stage names, flag codes, entity types and
outcomes: never text, ids or values, so the endpoint holds no personal data. With several
worker processes each keeps its own counters (Prometheus multiprocess mode is not set up).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from service.models import DraftReport

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

HTTP_REQUESTS = Counter(
    "replydraft_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "replydraft_http_request_seconds",
    "HTTP request latency by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
    registry=REGISTRY,
)
STAGE_SECONDS = Histogram(
    "replydraft_pipeline_stage_seconds",
    "Time spent in each pipeline stage (normalise, redact, retrieve, model, guardrails, ...).",
    ["kind", "stage"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
MODEL_CALLS = Counter(
    "replydraft_model_calls",
    "Drafts by the backend that wrote them and outcome (ok, or fallback to another backend).",
    ["model", "outcome"],
    registry=REGISTRY,
)
FLAGS = Counter(
    "replydraft_flags",
    "Flags raised on drafts and checks, by code and severity.",
    ["kind", "code", "severity"],
    registry=REGISTRY,
)
REDACTIONS = Counter(
    "replydraft_redactions",
    "Personal data masked (inbound) or caught in drafts (outbound), by entity type.",
    ["direction", "entity_type"],
    registry=REGISTRY,
)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered HTTP request."""
    HTTP_REQUESTS.labels(method, route, str(status)).inc()
    HTTP_SECONDS.labels(method, route).observe(seconds)


def observe_report(report: DraftReport, kind: str) -> None:
    """Count what one draft or check produced: stage times, model outcome, flags, redactions."""
    for stage, ms in report.timings_ms.items():
        STAGE_SECONDS.labels(kind, stage).observe(ms / 1000)
    if kind == "draft":
        fell_back = any(f.code == "llm_fallback" for f in report.flags)
        MODEL_CALLS.labels(report.model, "fallback" if fell_back else "ok").inc()
    for flag in report.flags:
        FLAGS.labels(kind, flag.code, flag.severity).inc()
    for direction, counts in (
        ("inbound", report.redactions.inbound),
        ("outbound", report.redactions.outbound),
    ):
        for entity_type, count in counts.items():
            REDACTIONS.labels(direction, entity_type).inc(count)


def exposition() -> bytes:
    """The registry in Prometheus text format."""
    return generate_latest(REGISTRY)
