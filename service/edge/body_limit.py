"""A request-body ceiling that holds however the body is sent (Content-Length or chunked).

Starlette reads the body only when a route asks for it, so checking ``Content-Length`` alone
lets a chunked upload of any size through. This ASGI middleware counts the bytes as they arrive
and stops reading at the limit, so an oversized body is never buffered whole.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.http_errors import error_body


def too_large_message(limit: int) -> str:
    """The human message of a 413, naming the limit."""
    return f"Bodies are limited to {limit} bytes."


class BodyLimitMiddleware:
    """Answer 413 ``payload_too_large`` once a body passes ``max_bytes``.

    A declared ``Content-Length`` over the limit is refused before anything is read; otherwise
    the receive channel counts bytes and raises a 413 ``HTTPException`` from inside the route's
    body read, which the app's one error mapping turns into the contract's error shape.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a counting ``receive``."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared_length(scope) > self.max_bytes:
            response = JSONResponse(
                error_body("payload_too_large", too_large_message(self.max_bytes)),
                status_code=413,
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, too_large_message(self.max_bytes))
            return message

        await self.app(scope, counting_receive, send)

    @staticmethod
    def _declared_length(scope: Scope) -> int:
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                text = value.decode("latin-1").strip()
                return int(text) if text.isdigit() else 0
        return 0
