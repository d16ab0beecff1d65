"""The auditor view in headless Chromium: filters, pages, chain status, exports, no PII."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from service.storage.audit_models import RedactionDecision
from tests.service.web.conftest import VENDOR, LiveServer, OpenPage, open_page, screenshot

pytestmark = pytest.mark.slow

EMAIL = "maria.lopez@example.com"
CARD = "4111 1111 1111 1111"
PER_DRAFT = 3
DRAFTS = 20  # 60 records: three pages of 25


def _decision(value: str, entity_type: str, action: str) -> RedactionDecision:
    return RedactionDecision(
        entity_type=entity_type,
        recognizer="TestRecognizer",
        score=0.85,
        start=0,
        end=len(value),
        action=action,  # type: ignore[arg-type]
        value=value,
    )


@pytest.fixture(scope="module")
def logged(live_server: LiveServer) -> LiveServer:
    """Records for the default tenant: two inbound masks and one outbound block per draft."""
    for n in range(DRAFTS):
        live_server.runtime.audit.append(
            [
                _decision(EMAIL, "EMAIL_ADDRESS", "mask"),
                _decision("+1 415 555 0134", "PHONE_NUMBER", "mask"),
                _decision(CARD, "CREDIT_CARD", "block"),
            ],
            request_id=f"req-{n}",
            draft_id=f"drf_audit_{n:02d}",
            tenant="default",
        )
    return live_server


@pytest.fixture
def opened(browser: Browser, logged: LiveServer) -> Iterator[OpenPage]:
    context, page = open_page(browser)
    yield page
    context.close()


def sign_in(page: Page, server: LiveServer) -> None:
    page.goto(server.url + "/audit")
    page.fill("#key-input", server.key("auditor"))
    page.click("#key-form button[type=submit]")
    page.wait_for_selector("#workspace:not([hidden])")
    page.wait_for_selector("#rows tr[data-seq]")


def column(page: Page, name: str) -> list[str]:
    return page.locator(f"#rows td.c-{name}").all_text_contents()


def apply(page: Page) -> None:
    with page.expect_response("**/v1/audit/redactions?*"):
        page.click("#filters button[type=submit]")
    page.wait_for_function("() => !document.getElementById('page-info').textContent.endsWith('…')")


def test_the_table_filters_and_pages(opened: OpenPage, logged: LiveServer) -> None:
    page = opened.page
    sign_in(page, logged)
    assert "intact" in page.text_content("#chain")
    page.select_option("#page-size", "25")
    apply(page)
    first = column(page, "seq")
    assert len(first) == 25
    page.click("#next")
    page.wait_for_function(
        "() => document.getElementById('page-info').textContent.startsWith('Page 2')"
    )
    second = column(page, "seq")
    assert len(second) == 25 and not set(first) & set(second)
    page.click("#prev")
    page.wait_for_function(
        "() => document.getElementById('page-info').textContent.startsWith('Page 1')"
    )
    assert column(page, "seq") == first

    page.select_option("#direction", "outbound")
    page.select_option("#page-size", "100")
    apply(page)
    assert set(column(page, "direction")) == {"outbound"}
    assert set(column(page, "entity_type")) == {"CREDIT_CARD"}
    assert len(column(page, "seq")) == DRAFTS

    page.select_option("#direction", "")
    page.fill("#entity-type", "PHONE_NUMBER")
    page.fill("#draft-id", "drf_audit_07")
    apply(page)
    assert column(page, "draft_id") == ["drf_audit_07"]
    assert column(page, "entity_type") == ["PHONE_NUMBER"]

    page.click("#filters button[type=reset]")
    page.fill("#from", "2999-01-01T00:00")
    apply(page)
    assert page.locator("#rows tr[data-seq]").count() == 0
    assert "No records" in page.text_content("#rows")
    page.fill("#from", "2000-01-01T00:00")
    page.fill("#to", "2999-01-01T00:00")
    apply(page)
    assert page.locator("#rows tr[data-seq]").count() == 50  # the default page size

    content = page.content()
    assert EMAIL not in content and CARD not in content and "555 0134" not in content
    assert opened.console_errors == []


def test_the_exports_download_the_whole_log(opened: OpenPage, logged: LiveServer) -> None:
    page = opened.page
    sign_in(page, logged)
    total = PER_DRAFT * DRAFTS
    with page.expect_download() as jsonl:
        page.click("#export-jsonl")
    assert jsonl.value.suggested_filename == "replydraft-audit.jsonl"
    lines = Path(jsonl.value.path()).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) >= total and {r["action"] for r in records} >= {"mask", "block"}
    with page.expect_download() as csv_file:
        page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(Path(csv_file.value.path()).read_text("utf-8"))))
    assert len(rows) == len(records)
    assert {"seq", "entity_type", "direction", "hash"} <= set(rows[0])
    assert "Exported replydraft-audit.csv" in page.text_content("#notice")


def test_screenshot_japanese_and_no_serious_accessibility_violation(
    browser: Browser, logged: LiveServer
) -> None:
    for locale, shot in (("en-US", "audit-en.png"), ("ja-JP", "audit-ja.png")):
        context, opened = open_page(browser, locale=locale, bypass_csp=True)
        page = opened.page
        try:
            sign_in(page, logged)
            page.select_option("#page-size", "25")
            apply(page)
            screenshot(page, shot)
            page.add_script_tag(path=str(VENDOR / "axe.min.js"))
            violations = page.evaluate("axe.run(document).then(r => r.violations)")
            bad = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
            assert bad == []
        finally:
            context.close()


def test_an_agent_key_is_refused(opened: OpenPage, logged: LiveServer) -> None:
    page = opened.page
    page.goto(logged.url + "/audit")
    page.fill("#key-input", logged.key("agent"))
    page.click("#key-form button[type=submit]")
    page.wait_for_function(
        "() => document.getElementById('key-error').textContent.includes('auditor')"
    )
    assert page.is_hidden("#workspace")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "Chain broken: "),
        ("ja-JP", "チェーンが壊れています："),
    ],
)
def test_a_break_without_a_seq_is_worded_without_one(
    browser: Browser, logged: LiveServer, locale: str, expected: str
) -> None:
    """A tenant auditor is not told where another tenant's record breaks (first_bad_seq
    null): the status says so instead of "record #?"; a named break keeps its seq."""
    context, opened = open_page(browser, locale=locale)
    page = opened.page
    answer = {"ok": False, "checked": 2, "first_bad_seq": None, "reason": "r0", "scope": "tenant"}

    def reverify(reason: str) -> str:
        with page.expect_response("**/v1/audit/verify"):
            page.click("#reverify")
        page.wait_for_function(
            f"() => document.getElementById('chain').textContent.endsWith('{reason}')"
        )
        return page.text_content("#chain") or ""

    try:
        sign_in(page, logged)  # the key probe goes to the server; the answers below do not
        page.route("**/v1/audit/verify", lambda route: route.fulfill(json=answer))
        status = reverify("r0")
        assert status == expected + "r0"
        assert "#" not in status and "?" not in status
        answer.update(first_bad_seq=7, reason="r1")
        assert "#7" in reverify("r1")
    finally:
        context.close()
