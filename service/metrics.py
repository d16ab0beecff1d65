"""Prometheus metrics (``prometheus_client``): requests, stages, models, breakers, flags, PII.

One registry per process. Labels are route templates, stage names, flag codes, entity types and
outcomes: never text, ids or values, so the endpoint holds no personal data. With several
worker processes each keeps its own counters (Prometheus multiprocess mode is not set up).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TypeVar, get_args

from prometheus_client import CollectorRegistry, Counter, Enum, Histogram, generate_latest
from prometheus_client.metrics import MetricWrapperBase

from service.backends.breaker import ReportedState
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
MODEL_BREAKER = Enum(
    "replydraft_model_breaker",
    "Circuit breaker of each model a call can go to (read at scrape time; shared via Redis; "
    "unknown: the shared store could not be read).",
    ["model"],
    states=list(get_args(ReportedState)),
    registry=REGISTRY,
)


M = TypeVar("M", bound=MetricWrapperBase)


@lru_cache(maxsize=4096)
def _child(metric: M, *labels: str) -> M:
    """``metric.labels(*labels)``, looked up once per label set.

    ``labels()`` checks and joins its arguments and takes the metric's lock on every call;
    a draft touches about twenty children (one per stage, flag and entity type), which cost
    about half a millisecond of CPU a draft. The child for a label set never changes (no
    child is ever removed), and the label values are bounded (stage names, flag codes,
    entity types, configured models), so remembering them changes nothing but the cost.
    """
    return metric.labels(*labels)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered HTTP request."""
    _child(HTTP_REQUESTS, method, route, str(status)).inc()
    _child(HTTP_SECONDS, method, route).observe(seconds)


def observe_report(report: DraftReport, kind: str) -> None:
    """Count what one draft or check produced: stage times, model outcome, flags, redactions."""
    for stage, ms in report.timings_ms.items():
        _child(STAGE_SECONDS, kind, stage).observe(ms / 1000)
    if kind == "draft":
        fell_back = any(f.code == "llm_fallback" for f in report.flags)
        _child(MODEL_CALLS, report.model, "fallback" if fell_back else "ok").inc()
    for flag in report.flags:
        _child(FLAGS, kind, flag.code, flag.severity).inc()
    for direction, counts in (
        ("inbound", report.redactions.inbound),
        ("outbound", report.redactions.outbound),
    ):
        for entity_type, count in counts.items():
            _child(REDACTIONS, direction, entity_type).inc(count)


def observe_breakers(states: Mapping[str, str]) -> None:
    """Set each model's breaker state (labels: operator-configured model names only)."""
    for model, state in states.items():
        _child(MODEL_BREAKER, model).state(state)


def exposition() -> bytes:
    """The registry in Prometheus text format."""
    return generate_latest(REGISTRY)
