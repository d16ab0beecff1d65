"""``GET /``: the review page, where an agent drafts, reads the flags, edits, re-checks and sends.

The page is static HTML, one JavaScript module and one stylesheet, all served by the app (no
CDN, no front-end server); it talks to the API with the key the agent enters, which stays in
the browser session.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from service.web.pages import STATIC_DIR, page_response

REVIEW_DIR = STATIC_DIR / "review"
ASSETS_PATH = "/static/review"


async def review_page() -> FileResponse:
    """The review page's HTML (its key is entered in the page, so no auth here)."""
    return page_response(REVIEW_DIR / "index.html")


def install_review(app: FastAPI) -> None:
    """Serve the review page at ``/`` and its assets under ``/static/review``."""
    app.add_api_route("/", review_page, methods=["GET"], include_in_schema=False)
    app.mount(ASSETS_PATH, StaticFiles(directory=REVIEW_DIR), name="review-assets")
