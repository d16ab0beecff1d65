"""``GET /`` and ``GET /audit``: served by the app with a CSP that forbids inline script."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from service.web.pages import STATIC_DIR


@pytest.mark.parametrize("path", ["/", "/audit"])
def test_a_page_is_served_without_a_key_with_its_security_headers(
    client: TestClient, path: str
) -> None:
    del client.headers["Authorization"]  # the key is entered in the page
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/audit"])
def test_every_asset_a_page_names_is_served_by_the_app(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the page names its script and stylesheet"
    for asset in assets:
        if asset.startswith("data:"):
            continue
        assert asset.startswith("/static/"), f"{asset} is not served by the app"
        response = client.get(asset)
        assert response.status_code == 200, asset


def test_no_inline_script_or_handler_in_any_page() -> None:
    for html in STATIC_DIR.glob("*/*.html"):
        text = html.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>", text)
        assert scripts and all('src="/static/' in s for s in scripts), html
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {html}"


def test_the_pages_never_write_html_from_strings() -> None:
    """Untrusted text reaches the page through textContent only: no innerHTML and friends."""
    for script in STATIC_DIR.glob("*/*.js"):
        text = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, f"{sink} in {script.name}"


def test_the_openapi_schema_does_not_list_the_pages(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/audit" not in paths
    assert "/v1/drafts/stream" in paths
