"""``GET /docs``: Swagger UI served entirely by the app, so it works with no network.

FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script: blank
offline, and incompatible with a Content-Security-Policy that forbids inline script. The
assets come from the ``fastapi-offline`` wheel (Swagger UI 5, which reads OpenAPI 3.1); the
start-up code is our own small file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from service.web.pages import STATIC_DIR

SWAGGER_ASSETS = Path(str(files("fastapi_offline") / "static"))
OWN_ASSETS = STATIC_DIR / "docs"
# Swagger UI sets inline styles on its elements; scripts come only from this origin.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
)

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>replydraft API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/static/swagger/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/static/swagger/swagger-ui-bundle.js"></script>
  <script src="/static/docs/init.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
async def docs() -> HTMLResponse:
    """The interactive API reference, from the app's own assets."""
    return HTMLResponse(_PAGE, headers={"Content-Security-Policy": DOCS_CSP})


def install_docs(app: FastAPI) -> None:
    """Serve ``/docs`` and the static assets it needs."""
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_ASSETS), name="swagger-assets")
    app.mount("/static/docs", StaticFiles(directory=OWN_ASSETS), name="docs-assets")
    app.include_router(router)
