"""``/docs`` renders offline in Chromium: every asset from the app, no inline script, no CDN."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Request

from tests.service.web.conftest import LiveServer, open_page, screenshot


def test_docs_page_loads_only_its_own_assets(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text and "cdn" not in page.text.lower()
    for asset in (
        "/static/swagger/swagger-ui-bundle.js",
        "/static/swagger/swagger-ui.css",
        "/static/docs/init.js",
    ):
        assert asset in page.text
        assert client.get(asset).status_code == 200


@pytest.mark.slow
def test_docs_render_offline_in_chromium(live_server: LiveServer, browser: Browser) -> None:
    context, opened = open_page(browser)
    outside: list[str] = []

    def note(request: Request) -> None:
        host = urlparse(request.url).hostname or ""
        if host not in ("127.0.0.1", "localhost"):
            outside.append(request.url)

    opened.page.on("request", note)
    try:
        opened.page.goto(f"{live_server.url}/docs")
        # Swagger UI has read /openapi.json and drawn an operation per route.
        opened.page.wait_for_selector(".opblock", timeout=30_000)
        assert opened.page.locator(".opblock-summary-path", has_text="/v1/drafts").count() >= 1
        assert outside == []
        assert opened.console_errors == []  # a CSP violation would be logged here
        screenshot(opened.page, "docs.png")
    finally:
        context.close()
