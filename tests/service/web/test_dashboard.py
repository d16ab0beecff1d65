"""The review page's draft metrics dashboard in headless Chromium (engineer key).

Drafts and feedback are made through the API on a server of this module's own, so the plots can
be compared with ``GET /v1/metrics/drafts`` exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from service.settings import Settings
from tests.service.conftest import en_request
from tests.service.web.conftest import VENDOR, LiveServer, open_page, screenshot, serve

pytestmark = pytest.mark.slow

# A human-written draft with flags at spans (a promise, a link, a stranger's address).
FLAGGED = (
    "Hi Maria,\n\nWe will refund you $50 today. See https://evil.example.com/x or write to "
    "bob@example.org.\n\nBest regards,\nSam"
)
# What the agent sent: the address taken out (fixed), the promise and the link kept (ignored).
SENT = "Hi Maria,\n\nWe will refund you $50 today. See https://evil.example.com/x\n\nSam"


@pytest.fixture(scope="module")
def with_feedback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Two offline drafts (one sent edited, one discarded) and a flagged one, sent."""
    data: Path = tmp_path_factory.mktemp("dashboard")
    settings = Settings(
        database_url=f"sqlite:///{data / 'replydraft.db'}", llm_model=None, data_dir=data
    )
    with serve(settings) as server:
        headers = {"Authorization": f"Bearer {server.key('engineer')}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as http:
            ids = []
            for _ in range(2):
                response = http.post("/v1/drafts", json=en_request())
                assert response.status_code == 200, response.text
                ids.append(response.json()["draft_id"])
            # The offline drafter raises no flag on this thread: a checked text with flags is
            # stored as a draft (its at-rest copy, as the store keeps it) to have some.
            checked = http.post("/v1/checks", json=en_request(draft=FLAGGED))
            assert checked.status_code == 200, checked.text
            store = server.runtime.store
            flagged = store.get_draft(checked.json()["draft_id"])
            assert any(f.span for f in flagged.flags)
            store.save_draft(flagged, kind="draft", request_summary={}, tenant="default")
            ids.append(flagged.draft_id)
            feedback: list[dict[str, Any]] = [
                {"sent_text": "Hi Maria, we refund the duplicate charge.\n\nSam"},
                {"discarded": True, "reason": "called the customer"},
                {"sent_text": SENT},
            ]
            for draft_id, body in zip(ids, feedback, strict=True):
                answer = http.post(f"/v1/drafts/{draft_id}/feedback", json=body)
                assert answer.status_code == 200, answer.text
        yield server


def _sign_in(page: Page, server: LiveServer, role: str) -> None:
    page.goto(server.url + "/")
    page.fill("#key-input", server.key(role))
    page.click("#key-form button[type=submit]")
    page.wait_for_selector("#workspace:not([hidden])")


def _metrics(server: LiveServer) -> list[dict[str, Any]]:
    headers = {"Authorization": f"Bearer {server.key('engineer')}"}
    response = httpx.get(f"{server.url}/v1/metrics/drafts", headers=headers, timeout=30)
    assert response.status_code == 200
    groups: list[dict[str, Any]] = response.json()["groups"]
    return groups


def _rows(page: Page, chart: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = page.evaluate(
        """(id) => [...document.querySelectorAll(`#${id} .chart-row`)].map(g => ({
            label: g.querySelector('.chart-label').textContent,
            value: g.querySelector('.chart-value').textContent,
            bars: [...g.querySelectorAll('.chart-bar')].map(r => ({
                kind: r.getAttribute('class').replace('chart-bar bar-', ''),
                value: Number(r.dataset.value),
                width: Number(r.getAttribute('width'))})),
        }))""",
        chart,
    )
    return rows


def test_the_dashboard_plots_what_the_metrics_endpoint_says(
    browser: Browser, with_feedback: LiveServer
) -> None:
    groups = _metrics(with_feedback)
    assert [(g["model"], g["sent"], g["discarded"]) for g in groups] == [
        ("human", 1, 0),
        ("offline", 1, 1),
    ]
    context, opened = open_page(browser)
    page = opened.page
    try:
        _sign_in(page, with_feedback, "engineer")
        page.click("#metrics-form button[type=submit]")
        page.wait_for_selector("#chart-flags")
        assert page.text_content("#metrics-totals") == "3 drafts · 2 sent · 1 discarded"
        acceptance = _rows(page, "chart-acceptance")
        offline = groups[1]
        assert [row["label"] for row in acceptance] == [
            "human",
            f"offline · {offline['prompt_version']}",
        ]
        assert [row["value"] for row in acceptance] == ["100% (1 of 1)", "50% (1 of 2)"]
        # One scale from 0 to 100 %: the full bar is the track's width (300 units).
        assert [row["bars"][0]["width"] for row in acceptance] == [300, 150]
        edits = _rows(page, "chart-edits")
        for row, group in zip(edits, groups, strict=True):
            chars, tokens = group["mean_char_distance"], group["mean_token_distance"]
            assert row["value"] == f"{chars:g} chars · {tokens:g} tokens"  # as JS prints them
        flags = _rows(page, "chart-flags")
        counts = groups[0]["flags"]  # only the flagged draft has flags
        assert [row["label"] for row in flags] == sorted(counts) and flags
        widest = max(c["raised"] for c in counts.values())
        for row in flags:
            expected = counts[row["label"]]
            shown = {bar["kind"]: bar["value"] for bar in row["bars"]}
            assert shown.get("fixed", 0) == expected["fixed"]
            assert shown.get("ignored", 0) == expected["ignored"]
            total = sum(bar["width"] for bar in row["bars"])
            assert total == pytest.approx(300 * expected["raised"] / widest)
        assert any(c["ignored"] for c in counts.values())
        assert any(c["fixed"] for c in counts.values())
        screenshot(page, "dashboard-en.png")
        page.select_option("#lang", "ja")
        assert page.text_content("#metrics-totals") == "下書き 3 件 · 送信 2 件 · 破棄 1 件"
        assert page.text_content("#chart-acceptance .chart-value") == "100% (1 件中 1 件)"
        assert opened.console_errors == []
    finally:
        context.close()


def test_a_date_range_with_no_drafts_says_so(browser: Browser, with_feedback: LiveServer) -> None:
    context, opened = open_page(browser)
    page = opened.page
    try:
        _sign_in(page, with_feedback, "engineer")
        page.fill("#metrics-from", "2001-01-01")
        page.fill("#metrics-to", "2001-02-01")
        with page.expect_response("**/v1/metrics/drafts?*") as response:
            page.click("#metrics-form button[type=submit]")
        assert "from=2001-01-01" in response.value.url
        page.wait_for_selector("#charts p")
        assert page.text_content("#charts") == "No drafts in this time range."
        assert page.locator("#charts svg").count() == 0
    finally:
        context.close()


def test_an_agent_key_is_told_it_needs_an_engineer_key(
    browser: Browser, with_feedback: LiveServer
) -> None:
    context, opened = open_page(browser)
    page = opened.page
    try:
        _sign_in(page, with_feedback, "agent")
        page.click("#metrics-form button[type=submit]")
        page.wait_for_selector("#metrics-status.error")
        assert "engineer key" in page.text_content("#metrics-status")
        assert page.locator("#charts svg").count() == 0
    finally:
        context.close()


def test_the_dashboard_fits_420_px_and_has_no_serious_accessibility_violation(
    browser: Browser, with_feedback: LiveServer
) -> None:
    # CSP bypassed only here: axe is injected as an inline script.
    context, opened = open_page(browser, width=420, bypass_csp=True)
    page = opened.page
    try:
        _sign_in(page, with_feedback, "engineer")
        page.click("#metrics-form button[type=submit]")
        page.wait_for_selector("#chart-flags")
        assert page.evaluate("document.documentElement.scrollWidth") <= 420
        # Narrow layout: each label sits above its bar, the text at a readable size.
        size = page.evaluate(
            "document.querySelector('#chart-acceptance .chart-label').getBoundingClientRect()"
            ".height"
        )
        assert size >= 10
        screenshot(page, "dashboard-420.png")
        page.add_script_tag(path=str(VENDOR / "axe.min.js"))
        result = page.evaluate(
            "axe.run(document.getElementById('dashboard')).then(r => r.violations)"
        )
        bad = [(v["id"], v["impact"]) for v in result if v["impact"] in ("serious", "critical")]
        assert bad == [], bad
    finally:
        context.close()
