"""``GET /audit``: the auditor view of the redaction log (table, chain status, exports).

Static HTML and one JavaScript module served by the app; the data comes from ``/v1/audit/*``
with the auditor key entered in the page. The records hold no personal data (types, offsets,
HMACs), so neither does the page.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from service.web.pages import STATIC_DIR, page_response

AUDIT_DIR = STATIC_DIR / "audit"
ASSETS_PATH = "/static/audit"


async def audit_page() -> FileResponse:
    """The auditor view's HTML (the auditor key is entered in the page)."""
    return page_response(AUDIT_DIR / "index.html")


def install_audit_view(app: FastAPI) -> None:
    """Serve the auditor view at ``/audit`` and its assets under ``/static/audit``."""
    app.add_api_route("/audit", audit_page, methods=["GET"], include_in_schema=False)
    app.mount(ASSETS_PATH, StaticFiles(directory=AUDIT_DIR), name="audit-assets")
