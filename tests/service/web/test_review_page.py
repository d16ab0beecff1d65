"""The review page in headless Chromium: stream, highlights at the spans, edit + re-check, XSS.

Each test opens its own browser context (its own sessionStorage), enters a key, and drives the
page as an agent would. The server is the real app on a loopback port with the offline model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from service.models import KnowledgeArticle, Voice
from service.pipeline import streaming
from service.pipeline.at_rest import text_at_rest
from service.settings import Settings
from tests.service.web.conftest import (
    VENDOR,
    LiveServer,
    OpenPage,
    open_page,
    screenshot,
    serve,
)

EN_THREAD = (
    "Hi, I was charged twice for order #48213. Can you refund the duplicate charge? "
    "How do I download my invoices as PDF?"
)
EN_FLAGGED = (
    "Hi Maria,\n\nWe will refund you $50 today. See https://evil.example.com/x or write to "
    "bob@example.org. [CUSTOMER NAME] 🙂 card 4111 1111 1111 1111\n\nBest regards,\nSam"
)
JA_THREAD = (
    "注文番号48213で二重に請求されました。重複分を返金していただけますか？"
    "領収書をPDFでダウンロードする方法も教えてください。"
)
JA_FLAGGED = (
    "田中様\n\nお問い合わせありがとうございます。😀 重複分は本日中に5000円を返金いたします。"
    "詳しくは https://evil.example.jp/refund をご覧ください。[CUSTOMER NAME]\n"
    "カード番号 4111 1111 1111 1111 をご確認ください。\n\nサポート担当"
)
XSS = "<img src=x onerror=window.__xss=1>"

# Together the browser tests take longer than the ~20 s a normal test file may (they still run
# in the default suite and in .ci/run).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeded(live_server: LiveServer) -> LiveServer:
    """A stored voice and knowledge base for the default tenant (one link is javascript:)."""
    store = live_server.runtime.store
    store.put_voice("house", Voice(brand="Example Co.", guide="Warm and brief."))
    store.put_knowledge_base(
        "help",
        [
            KnowledgeArticle(
                id="billing-refunds",
                title="Refunds for duplicate charges",
                url="https://help.example.com/refunds",
                body="If you were charged twice, we refund the duplicate charge to the original "
                "card. Refunds reach your card within 5-10 business days.",
            ),
            KnowledgeArticle(
                id="billing-invoices",
                title="Download invoices as PDF",
                url="javascript:window.__xss=3",
                body="To download invoices, open Billing, choose Invoices and click Download "
                "PDF next to the invoice.",
            ),
        ],
    )
    return live_server


@pytest.fixture
def opened(browser: Browser, seeded: LiveServer) -> Iterator[OpenPage]:
    context, page = open_page(browser)
    yield page
    context.close()


def sign_in(page: Page, server: LiveServer, role: str = "agent") -> None:
    page.goto(server.url + "/")
    page.fill("#key-input", server.key(role))
    page.click("#key-form button[type=submit]")
    page.wait_for_selector("#workspace:not([hidden])")


def recheck(page: Page, text: str | None = None) -> dict[str, Any]:
    """Optionally replace the editor's text, click Re-check; returns the report the page got."""
    if text is not None:
        page.fill("#editor", text)
    with page.expect_response("**/v1/checks") as response:
        page.click("#recheck")
    page.wait_for_selector("#review[data-phase=ready]")
    report: dict[str, Any] = response.value.json()
    return report


def highlighted(page: Page, index: int) -> str:
    """The text of every mark that carries flag ``index``, in order."""
    text: str = page.evaluate(
        """(i) => [...document.querySelectorAll('#backdrop mark')]
            .filter(m => m.dataset.flags.split(' ').includes(String(i)))
            .map(m => m.textContent).join('')""",
        index,
    )
    return text


def test_the_draft_streams_in_before_the_report(
    opened: OpenPage, seeded: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = opened.page
    monkeypatch.setattr(streaming, "PIECE_PAUSE_S", 0.03)  # slow enough to watch
    sign_in(page, seeded)
    page.select_option("#voice", "house")
    page.select_option("#kb", "help")
    page.fill("#message", EN_THREAD)
    page.fill("#customer-name", "Maria Lopez")
    page.click("#draft-button")
    # Text is in the editor while the page is still waiting for the report.
    page.wait_for_function(
        "() => document.getElementById('review').dataset.phase === 'streaming'"
        " && document.getElementById('editor').value.length > 20"
    )
    assert page.locator("#flags li, #asks li").count() == 0
    page.wait_for_selector("#review[data-phase=ready]")
    draft_id = page.text_content("#draft-meta").rsplit("·", 1)[1].strip()
    stored = seeded.runtime.store.get_draft(draft_id)
    # The store keeps the draft masked at rest; the page shows it in the clear.
    shown = page.input_value("#editor")
    assert text_at_rest(seeded.runtime.resources.pii, shown, stored.language) == stored.body
    assert page.locator("#asks li").count() == len(stored.questions) == 2
    assert page.get_attribute("#state", "data-state") in {"ready", "verify", "blocked"}
    # Citations: the https link is a link; the javascript: one is only text.
    assert page.get_attribute("#citations a", "href") == "https://help.example.com/refunds"
    assert page.locator("#citations a[href^='javascript']").count() == 0
    assert "Download invoices as PDF" in page.text_content("#citations")
    assert opened.console_errors == []


@pytest.mark.parametrize(
    ("locale", "thread", "name", "flagged", "shot"),
    [
        ("en-US", EN_THREAD, "Maria Lopez", EN_FLAGGED, "review-en.png"),
        ("ja-JP", JA_THREAD, "田中 花子", JA_FLAGGED, "review-ja.png"),
    ],
)
def test_highlights_sit_exactly_at_the_reports_spans(
    browser: Browser,
    seeded: LiveServer,
    locale: str,
    thread: str,
    name: str,
    flagged: str,
    shot: str,
) -> None:
    context, opened = open_page(browser, locale=locale)
    page = opened.page
    try:
        sign_in(page, seeded)
        page.fill("#message", thread)
        page.fill("#customer-name", name)
        page.click("#draft-button")
        page.wait_for_selector("#review[data-phase=ready]")
        report = recheck(page, flagged)
        body = report["body"]
        spanned = [(i, f) for i, f in enumerate(report["flags"]) if f["span"]]
        assert len(spanned) >= 3, report["flags"]
        for index, flag in spanned:
            # Python slicing is by code point, as the contract's spans are.
            assert highlighted(page, index) == body[flag["span"]["start"] : flag["span"]["end"]]
        # The backdrop repeats the textarea's text and wraps it the same way (same height).
        mirror = page.evaluate(
            """() => {
                const e = document.getElementById('editor');
                const b = document.getElementById('backdrop');
                return {text: b.textContent, value: e.value,
                        content: b.scrollHeight, box: e.clientHeight};
            }"""
        )
        assert mirror["text"].rstrip(" ") == mirror["value"] == body
        assert abs(mirror["content"] - mirror["box"]) <= 2
        blocked = sum(f["severity"] == "block" for f in report["flags"])
        assert page.get_attribute("#state", "data-state") == "blocked"
        assert f"{blocked}" in page.text_content("#state")
        expected_ui = "再チェック" if locale == "ja-JP" else "Re-check"
        assert page.text_content("#recheck") == expected_ui
        screenshot(page, shot)
        assert opened.console_errors == []
    finally:
        context.close()


def test_editing_and_rechecking_clears_a_flag(opened: OpenPage, seeded: LiveServer) -> None:
    page = opened.page
    sign_in(page, seeded)
    page.fill("#message", EN_THREAD)
    page.click("#draft-button")
    page.wait_for_selector("#review[data-phase=ready]")
    report = recheck(page, EN_FLAGGED)
    codes = [f["code"] for f in report["flags"]]
    assert "placeholder_left" in codes
    # Keyboard: the flag's button selects its span; Delete removes it.
    placeholder = page.locator("#flags button.flag", has_text="placeholder_left")
    placeholder.focus()
    page.keyboard.press("Enter")
    assert (
        page.evaluate(
            "(() => { const e = document.getElementById('editor');"
            " return e.value.slice(e.selectionStart, e.selectionEnd); })()"
        )
        == "[CUSTOMER NAME]"
    )
    page.keyboard.press("Delete")
    assert page.get_attribute("#state", "data-edited") == "true"
    index = codes.index("placeholder_left")
    assert highlighted(page, index) == ""  # the edited span is no longer highlighted
    # Spans after the edit moved with the text: the card number is still under its mark.
    card = codes.index("sensitive_pii")
    assert highlighted(page, card) == "4111 1111 1111 1111"
    after = recheck(page)
    assert "placeholder_left" not in [f["code"] for f in after["flags"]]
    assert "[CUSTOMER NAME]" not in page.input_value("#editor")
    assert page.get_attribute("#state", "data-edited") == "false"
    assert page.locator("#flags", has_text="placeholder_left").count() == 0


def test_flag_messages_show_on_hover_and_on_keyboard_focus(
    opened: OpenPage, seeded: LiveServer
) -> None:
    page = opened.page
    sign_in(page, seeded)
    page.fill("#message", EN_THREAD)
    page.click("#draft-button")
    page.wait_for_selector("#review[data-phase=ready]")
    report = recheck(page, EN_FLAGGED)
    link = next(i for i, f in enumerate(report["flags"]) if f["code"] == "unverified_link")
    message = report["flags"][link]["message"]
    box = page.locator(f"#backdrop mark[data-flags~='{link}']").first.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#tooltip:not([hidden])")
    assert message in page.text_content("#tooltip")
    screenshot(page, "review-hover.png")
    # Keyboard only: focus the editor, move the caret into the link.
    page.mouse.move(0, 0)
    page.focus("#editor")
    start = report["flags"][link]["span"]["start"]  # ASCII before it: code points = units
    page.evaluate(f"document.getElementById('editor').setSelectionRange({start + 3}, {start + 3})")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("#tooltip:not([hidden])")
    assert message in page.text_content("#tooltip")
    assert message in page.text_content("#caret-flag")


def test_an_xss_attempt_in_the_thread_and_in_a_draft_renders_inert(
    opened: OpenPage, seeded: LiveServer
) -> None:
    page = opened.page
    sign_in(page, seeded)
    page.fill("#message", f"{XSS} Can you refund the duplicate charge {XSS}?")
    page.fill("#customer-name", XSS)
    page.fill("#subject", XSS)
    page.click("#draft-button")
    page.wait_for_selector("#review[data-phase=ready]")
    report = recheck(page, f"Hi,\n\n{XSS} <script>window.__xss=2</script> We refund it.\n\nSam")
    assert XSS in report["body"]
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img, main script").count() == 0
    assert XSS in page.input_value("#editor")
    assert XSS in page.text_content("#backdrop")  # shown as text, not parsed
    # The asks quote the customer: shown verbatim as text, whatever they contain.
    asks = page.locator("#asks .ask-text").all_text_contents()
    assert asks == [q["text"] for q in report["questions"]] and asks
    assert opened.console_errors == []


def test_copy_and_feedback_buttons(opened: OpenPage, seeded: LiveServer) -> None:
    page = opened.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, seeded)
    page.fill("#message", EN_THREAD)
    page.click("#draft-button")
    page.wait_for_selector("#review[data-phase=ready]")
    page.fill("#editor", "Hi Maria, we refund the duplicate charge.\n\nSam")
    page.click("#copy")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#editor")
    copied = page.text_content("#notice")
    with page.expect_response("**/feedback"):
        page.click("#sent")
    page.wait_for_function(
        "(before) => document.getElementById('notice').textContent !== before", arg=copied
    )
    notice = page.text_content("#notice")
    assert "Recorded as sent" in notice
    page.fill("#reason", "customer called instead")
    with page.expect_response("**/feedback") as posted:
        page.click("#discard")
    assert posted.value.request.post_data_json == {
        "discarded": True,
        "reason": "customer called instead",
    }
    page.wait_for_function(
        "(before) => document.getElementById('notice').textContent !== before", arg=notice
    )
    assert "Recorded as discarded" in page.text_content("#notice")


def test_the_key_is_kept_in_the_session_only_and_a_bad_key_is_refused(
    opened: OpenPage, seeded: LiveServer
) -> None:
    page = opened.page
    page.goto(seeded.url + "/")
    page.wait_for_selector("#key-panel:not([hidden])")
    assert page.is_hidden("#workspace")
    page.fill("#key-input", "rd_nope_nope")
    page.click("#key-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('key-error').textContent.length > 0")
    assert "not valid" in page.text_content("#key-error")
    page.fill("#key-input", seeded.key("auditor"))
    page.click("#key-form button[type=submit]")
    page.wait_for_function(
        "() => document.getElementById('key-error').textContent.includes('role')"
    )
    sign_in(page, seeded)
    stored = page.evaluate("[sessionStorage.length, localStorage.getItem('replydraft.key.review')]")
    assert stored == [1, None]
    page.reload()  # asked once: the session keeps it
    page.wait_for_selector("#workspace:not([hidden])")
    assert page.is_hidden("#key-panel")


def test_the_language_follows_the_browser_and_can_be_switched(
    browser: Browser, seeded: LiveServer
) -> None:
    context, opened = open_page(browser, locale="ja-JP")
    page = opened.page
    try:
        sign_in(page, seeded)
        assert page.text_content("#draft-button") == "返信を下書き"
        assert page.evaluate("document.documentElement.lang") == "ja"
        page.select_option("#lang", "en")
        assert page.text_content("#draft-button") == "Draft a reply"
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


def test_usable_at_420_px(browser: Browser, seeded: LiveServer) -> None:
    context, opened = open_page(browser, width=420)
    page = opened.page
    try:
        sign_in(page, seeded)
        page.fill("#message", EN_THREAD)
        page.click("#draft-button")
        page.wait_for_selector("#review[data-phase=ready]")
        recheck(page, EN_FLAGGED)
        assert page.evaluate("document.documentElement.scrollWidth") <= 420
        for selector in ("#recheck", "#copy", "#sent", "#discard", "#editor"):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 420
        screenshot(page, "review-420.png")
    finally:
        context.close()


def test_keyboard_only_drafting(opened: OpenPage, seeded: LiveServer) -> None:
    page = opened.page
    sign_in(page, seeded)
    # The message box has focus after sign-in; Tab walks the form to the Draft button.
    page.keyboard.type(EN_THREAD)
    for _ in range(12):
        if page.evaluate("document.activeElement.id") == "draft-button":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "draft-button"
    page.keyboard.press("Enter")
    page.wait_for_selector("#review[data-phase=ready]")
    assert page.input_value("#editor")


def test_no_serious_or_critical_accessibility_violations(
    browser: Browser, seeded: LiveServer
) -> None:
    """axe-core (vendored test fixture) on the page with a flagged draft, EN and JA."""
    for locale in ("en-US", "ja-JP"):
        # CSP bypassed only here: axe is injected as an inline script.
        context, opened = open_page(browser, locale=locale, bypass_csp=True)
        page = opened.page
        try:
            sign_in(page, seeded)
            page.fill("#message", EN_THREAD)
            page.click("#draft-button")
            page.wait_for_selector("#review[data-phase=ready]")
            recheck(page, EN_FLAGGED)
            page.add_script_tag(path=str(VENDOR / "axe.min.js"))
            result = page.evaluate("axe.run(document).then(r => r.violations)")
            bad = [
                (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in result
                if v["impact"] in ("serious", "critical")
            ]
            assert bad == [], bad
        finally:
            context.close()


def test_a_stored_draft_opens_by_id(opened: OpenPage, seeded: LiveServer) -> None:
    request = {"thread": {"messages": [{"role": "customer", "body": EN_THREAD}]}}
    headers = {"Authorization": f"Bearer {seeded.key('agent')}"}
    report = httpx.post(f"{seeded.url}/v1/drafts", json=request, headers=headers).json()
    page = opened.page
    sign_in(page, seeded)
    page.fill("#draft-id", report["draft_id"])
    page.click("#load-form button[type=submit]")
    page.wait_for_selector("#review[data-phase=ready]")
    assert page.input_value("#editor") == report["body"]
    assert report["draft_id"] in page.text_content("#draft-meta")
    # No thread on the page yet: re-check asks for the customer's message instead of guessing.
    page.click("#recheck")
    assert "Paste the customer's message" in page.text_content("#notice")
    page.fill("#draft-id", "drf_does_not_exist")
    page.click("#load-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('notice').textContent.includes('404')")
    assert "not_found" in page.text_content("#notice")


def test_keyless_demo_mode_asks_for_no_key(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = tmp_path_factory.mktemp("keyless")
    settings = Settings(
        database_url=f"sqlite:///{data / 'db.sqlite'}",
        llm_model=None,
        data_dir=data,
        auth_disabled=True,
    )
    with serve(settings) as server:
        context, opened = open_page(browser)
        page = opened.page
        try:
            page.goto(server.url + "/")
            page.wait_for_selector("#workspace:not([hidden])")
            assert page.is_hidden("#key-panel") and page.is_hidden("#forget-key")
            page.fill("#message", EN_THREAD)
            page.click("#draft-button")
            page.wait_for_selector("#review[data-phase=ready]")
            draft_id = page.text_content("#draft-meta").rsplit("·", 1)[1].strip()
            stored = server.runtime.store.get_draft(draft_id, tenant="local-demo")
            assert page.input_value("#editor") == stored.body
        finally:
            context.close()
