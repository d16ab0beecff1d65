"""report.html opens in a real browser and shows the matrix (headless Chromium screenshot).

CI installs the browser with ``apt-get install -y chromium`` (Debian); without it this skips.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from evals.report_html import render
from evals.results import CaseResult, EvalRun, ModelSummary, PublicDraft, PublicFlag

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install -y chromium)"
)


def _run() -> EvalRun:
    body = "Hi <PERSON_1>,\n\nWe will refund the duplicate charge today.\n\nSam"
    draft = PublicDraft(
        body=body,
        language="en",
        model="offline",
        flags=[
            PublicFlag(
                code="commitment",
                severity="verify",
                message="A promise.",
                start=body.index("We will"),
                end=body.index(" today"),
            )
        ],
    )
    cases = [
        CaseResult(
            suite="core_en",
            case_id=f"case-{i}",
            model=m,
            request_hash="h",
            status="failed" if (i, m) == (2, "gpt") else "passed",
            failures=["flag commitment raised but must not be"] if i == 2 else [],
            draft=draft,
            latency_ms=12.0,
        )
        for i in range(4)
        for m in ("offline", "gpt")
    ]
    return EvalRun(
        run_id="run_test",
        started_at="2026-11-22T00:00:00+00:00",
        models=["offline", "gpt"],
        prompt_version="sha256:x",
        suites=[],
        summaries=[
            ModelSummary(model="offline", cases=4, passed=4, coverage=1.0),
            ModelSummary(model="gpt", cases=4, passed=3, failed=1, coverage=0.75),
        ],
        cases=cases,
    )


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    html = render(_run())
    assert "http://" not in html.split("<body>")[0] and "<script" not in html  # self-contained
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,900",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    # Failures first: the failed case is the first row of the matrix.
    assert html.index("case-2") < html.index("case-0")
