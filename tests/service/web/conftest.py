"""A real server on a loopback port and headless Chromium driven by Playwright.

The browser is Debian's Chromium at /usr/bin/chromium (``.ci/run`` installs it); Playwright's
own browser downloads are never used. Without the executable the browser tests skip and say why.
Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from service.app import create_app
from service.runtime import Runtime
from service.settings import Settings
from service.storage.keys import KeyStore
from tests.loopback import running_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
VENDOR = Path(__file__).parent / "vendor"


@dataclass
class LiveServer:
    """The app served over a real socket, with its runtime for seeding data."""

    url: str
    runtime: Runtime
    app: FastAPI
    keys: dict[str, str] = field(default_factory=dict)

    def key(self, role: str, tenant: str = "default") -> str:
        """A raw API key of ``role`` (one per role and tenant, made on first use)."""
        name = f"{role}@{tenant}"
        if name not in self.keys:
            self.keys[name] = KeyStore(self.runtime.store.engine).create(
                role, "browser tests", tenant=tenant
            )[1]
        return self.keys[name]


@contextmanager
def serve(settings: Settings) -> Iterator[LiveServer]:
    """uvicorn in a thread on a free loopback port, until the block ends."""
    runtime = Runtime.build(settings)
    app = create_app(settings, runtime=runtime)
    with running_app(app) as url:
        yield LiveServer(url=url, runtime=runtime, app=app)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with API keys, the offline model and SQLite, on a loopback port."""
    data = tmp_path_factory.mktemp("live")
    settings = Settings(
        database_url=f"sqlite:///{data / 'replydraft.db'}", llm_model=None, data_dir=data
    )
    with serve(settings) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium through Playwright (skips, saying why, when absent)."""
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium (apt-get install -y chromium; .ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class OpenPage:
    """A page plus the console errors it logged (a CSP violation is one)."""

    page: Page
    console_errors: list[str]


def open_page(
    browser: Browser,
    *,
    width: int = 1280,
    locale: str = "en-US",
    bypass_csp: bool = False,
) -> tuple[BrowserContext, OpenPage]:
    """A fresh context (own sessionStorage) and page; the caller closes the context."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale=locale,
        timezone_id="UTC",
        bypass_csp=bypass_csp,
        accept_downloads=True,
    )
    page = context.new_page()
    opened = OpenPage(page=page, console_errors=[])

    def record(message: ConsoleMessage) -> None:
        # The key probe without a key is an expected 401 ("Failed to load resource").
        if message.type == "error" and "401" not in message.text:
            opened.console_errors.append(message.text)

    page.on("console", record)
    page.set_default_timeout(15_000)
    return context, opened


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in test-artifacts/ (kept after the run for people to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
