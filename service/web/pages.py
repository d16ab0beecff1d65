"""How the app serves a browser page: its HTML with the security headers every page carries.

The pages render untrusted text (customers' messages, model drafts) and hold an API key in the
browser session, so they forbid inline script and every origin but the app's own: a script
injected through some rendering bug would still not run.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).parent / "static"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    # The page holds an API key: no caching of it by shared caches, and no framing.
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}


def page_response(html: Path) -> FileResponse:
    """``html`` as a page response with the security headers."""
    return FileResponse(html, media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS)
