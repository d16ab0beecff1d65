"""The Zendesk sidebar app: its assets served by replydraft, and the bundle to upload.

``GET /helpdesk/zendesk-app/assets/{file}`` serves the app's page, script and style (public:
they hold no secret). ``GET /helpdesk/zendesk-app.zip`` (admin) is the ZAF bundle (manifest,
translations, assets) with ``domainWhitelist`` set to ``REPLYDRAFT_PUBLIC_URL``'s host, so
Zendesk lets the app's secure ``api_key`` setting reach replydraft.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse

from service.auth import require_role
from service.errors import NotFoundError

APP_DIR = Path(__file__).resolve().parents[1] / "helpdesk" / "zendesk_app"
ASSETS = APP_DIR / "assets"
_SERVED = frozenset({"iframe.html", "app.js", "app.css", "zaf_sdk.min.js"})

router = APIRouter(prefix="/helpdesk", tags=["helpdesk"])


@router.get("/zendesk-app/assets/{name}", include_in_schema=False)
async def zendesk_app_asset(name: str) -> FileResponse:
    """One asset of the sidebar app (only the app's own files; nothing from a CDN)."""
    path = ASSETS / name
    if name not in _SERVED or not path.is_file():
        # The name is the caller's: never echoed (an error is no place for caller input).
        raise NotFoundError("no such app asset")
    return FileResponse(path, headers={"Cache-Control": "no-cache"})


def bundle(public_url: str) -> bytes:
    """The ZAF app zip: manifest (whitelisting replydraft's host), translations, assets."""
    manifest = json.loads((APP_DIR / "manifest.json").read_text(encoding="utf-8"))
    host = urlsplit(public_url).hostname
    manifest["domainWhitelist"] = [host] if host else []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        for path in sorted(APP_DIR.rglob("*")):
            relative = path.relative_to(APP_DIR).as_posix()
            if path.is_file() and relative != "manifest.json":
                archive.write(path, relative)
    return buffer.getvalue()


@router.get("/zendesk-app.zip", dependencies=[Depends(require_role())])
async def zendesk_app_bundle(request: Request) -> Response:
    """The bundle to upload in Zendesk (Admin Center > Apps > Upload private app)."""
    data = bundle(request.app.state.settings.public_url)
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="replydraft-zendesk-app.zip"'},
    )
