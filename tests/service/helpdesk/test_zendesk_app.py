"""The Zendesk sidebar app in headless Chromium, against a stub of the ZAF client.

replydraft runs for real (uvicorn on loopback); only Zendesk's side is stubbed: the stub stands
in for the ZAF SDK file, answers the ticket requests from the fixture, forwards the secure
replydraft request with the API key substituted (as Zendesk's proxy does), and records
``invoke`` calls. CI installs Debian's chromium; without it these tests skip and say why.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.loopback import running_app
from tests.service.helpdesk.conftest import load_json

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install -y chromium)"
)

STUB_ZAF = """
window.__requests = []; window.__invoked = [];
window.ZAFClient = { init: function () { return {
  metadata: function () { return Promise.resolve({settings: {replydraft_url: BASE + "/"}}); },
  get: function (path) { return Promise.resolve({"ticket.id": 35436}); },
  invoke: function (name, value) {
    window.__invoked.push([name, value]); return Promise.resolve({});
  },
  request: function (arg) {
    window.__requests.push(arg);
    if (typeof arg === "string") {
      if (arg === "/api/v2/tickets/35436.json") return Promise.resolve({ticket: TICKET.ticket});
      if (arg === "/api/v2/tickets/35436/comments.json?include=users")
        return Promise.resolve({comments: TICKET.comments, users: TICKET.users});
      return Promise.reject({status: 404});
    }
    if (window.__stubReport) return Promise.resolve(window.__stubReport);
    var headers = {"Content-Type": arg.contentType};
    Object.keys(arg.headers || {}).forEach(function (k) {
      headers[k] = arg.headers[k].replace("{{setting.api_key}}", API_KEY);
    });
    return fetch(arg.url, {method: arg.type, headers: headers, body: arg.data}).then(
      function (r) { return r.ok ? r.json() : Promise.reject({status: r.status}); });
  },
}; } };
"""


@pytest.fixture
def server(settings: Settings, runtime: Runtime) -> Iterator[tuple[str, str]]:
    """replydraft on a loopback port; yields its base URL and an agent key."""
    _key, raw = KeyStore(runtime.store.engine).create("agent", "zendesk app")
    with running_app(create_app(settings, runtime=runtime)) as base:
        yield base, raw


@pytest.fixture
def page(server: tuple[str, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    base, key = server
    stub = (
        f"var BASE = {json.dumps(base)}; var API_KEY = {json.dumps(key)};"
        f"var TICKET = {json.dumps(load_json('zendesk_ticket.json'))};" + STUB_ZAF
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.route(
            "**/zaf_sdk.min.js",
            lambda route: route.fulfill(body=stub, content_type="application/javascript"),
        )
        page.goto(f"{base}/helpdesk/zendesk-app/assets/iframe.html")
        page.requested = requested  # type: ignore[attr-defined]
        yield page
        browser.close()


@needs_chromium
def test_drafts_the_open_ticket_and_inserts_the_text(page: object, server: tuple[str, str]) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.click("#draft-button")
    expect(page.locator("#result")).to_be_visible(timeout=30_000)
    draft = page.input_value("#draft")
    assert draft.startswith("Hi Maria")
    expect(page.locator("#insert-button")).to_be_enabled()
    page.click("#insert-button")
    expect(page.locator("#status")).to_have_text("Inserted into the reply editor (not sent).")
    assert page.evaluate("window.__invoked").count(["ticket.editor.insert", draft]) == 1
    secure = [r for r in page.evaluate("window.__requests") if isinstance(r, dict)]
    assert secure[0]["secure"] is True
    assert secure[0]["headers"] == {"Authorization": "Bearer {{setting.api_key}}"}
    base = server[0]
    assert all(url.startswith(base) for url in page.requested)  # type: ignore[attr-defined]


def _report(*flags: dict[str, str]) -> dict[str, object]:
    return {
        "draft_id": "d_1",
        "body": "Hi Maria,\n\nDone.",
        "language": "en",
        "model": "offline",
        "flags": list(flags),
    }


@needs_chromium
def test_verify_flags_must_be_ticked_before_inserting(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.evaluate(
        "r => { window.__stubReport = r; }",
        _report(
            {"code": "commitment", "severity": "verify", "message": "A promise of a date."},
            {"code": "tone", "severity": "info", "message": "Customer is upset."},
        ),
    )
    page.click("#draft-button")
    expect(page.locator("#flags li")).to_have_count(2)
    expect(page.locator("#insert-button")).to_be_disabled()
    page.check("#flags input")
    expect(page.locator("#insert-button")).to_be_enabled()
    page.click("#insert-button")
    assert page.evaluate("window.__invoked")[-1] == ["ticket.editor.insert", "Hi Maria,\n\nDone."]


@needs_chromium
def test_a_block_flag_keeps_insertion_off(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.evaluate(
        "r => { window.__stubReport = r; }",
        _report({"code": "pii_leak", "severity": "block", "message": "Card number in draft."}),
    )
    page.click("#draft-button")
    expect(page.locator("#status")).to_contain_text("Blocked")
    expect(page.locator("#insert-button")).to_be_disabled()


def test_assets_are_served_and_nothing_else(client: TestClient) -> None:
    page = client.get("/helpdesk/zendesk-app/assets/iframe.html")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "https://" not in page.text  # no CDN
    assert client.get("/helpdesk/zendesk-app/assets/app.js").status_code == 200
    assert client.get("/helpdesk/zendesk-app/assets/..%2Fmanifest.json").status_code == 404
    assert client.get("/helpdesk/zendesk-app/assets/manifest.json").status_code == 404


@pytest.mark.parametrize("client_role", ["admin"])
def test_bundle_whitelists_the_public_host(client: TestClient) -> None:
    response = client.get("/helpdesk/zendesk-app.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"manifest.json", "translations/en.json", "assets/iframe.html"} <= set(
        archive.namelist()
    )
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["domainWhitelist"] == ["replydraft.example.com"]
    assert manifest["location"]["support"]["ticket_sidebar"]["url"] == "assets/iframe.html"


def test_bundle_is_admin_only(client: TestClient) -> None:
    assert client.get("/helpdesk/zendesk-app.zip").status_code == 403


def test_an_unknown_asset_is_404_without_echoing_its_name(client: TestClient) -> None:
    """The 404 of an asset the app does not serve names no part of the request (it echoed the
    name: a reflected string in an unauthenticated answer)."""
    probe = "zz<b>probe-r28<i>.js"
    answer = client.get(f"/helpdesk/zendesk-app/assets/{probe}")
    assert answer.status_code == 404
    error = answer.json()["error"]
    assert (error["code"], error["message"]) == ("not_found", "no such app asset")
    assert "probe-r28" not in answer.text
