"""``service.metrics``: children looked up once per label set count as ``labels()`` does."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

from service.metrics import FLAGS, REGISTRY, STAGE_SECONDS, _child, observe_report
from service.models import DraftReport
from service.models.report import Flag, Redactions


def test_a_child_is_the_metrics_own_child_for_those_labels() -> None:
    registry = CollectorRegistry()
    counter = Counter("c", "c", ["a", "b"], registry=registry)
    histogram = Histogram("h", "h", ["a"], registry=registry)
    assert _child(counter, "x", "y") is counter.labels("x", "y")
    assert _child(counter, "x", "y") is _child(counter, "x", "y")
    assert _child(counter, "x", "z") is not _child(counter, "x", "y")
    _child(histogram, "q").observe(0.2)
    _child(histogram, "q").observe(0.3)
    assert registry.get_sample_value("h_count", {"a": "q"}) == 2
    assert registry.get_sample_value("h_sum", {"a": "q"}) == 0.5


def test_each_report_is_counted_every_time() -> None:
    report = DraftReport(
        draft_id="drf_metrics",
        body="Hello.",
        language="en",
        timings_ms={"model": 1000.0, "guardrails": 4.0},
        flags=[Flag(code="metrics_probe", severity="info", message="probe")],
        model="metrics-probe-model",
        redactions=Redactions(inbound={"EMAIL_ADDRESS": 2}),
    )
    stage = {"kind": "check", "stage": "guardrails"}
    flag = {"kind": "check", "code": "metrics_probe", "severity": "info"}
    before = REGISTRY.get_sample_value("replydraft_pipeline_stage_seconds_count", stage) or 0
    for _ in range(3):
        observe_report(report, "check")
    assert REGISTRY.get_sample_value("replydraft_pipeline_stage_seconds_count", stage) == before + 3
    assert REGISTRY.get_sample_value("replydraft_flags_total", flag) == 3
    assert _child(STAGE_SECONDS, "check", "guardrails") is STAGE_SECONDS.labels(
        "check", "guardrails"
    )
    assert _child(FLAGS, "check", "metrics_probe", "info") is FLAGS.labels(
        "check", "metrics_probe", "info"
    )
