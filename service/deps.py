"""FastAPI dependency aliases; tests swap them with ``app.dependency_overrides``.

The dependencies are ``async def`` though they do not await: FastAPI runs a plain ``def``
dependency in its thread pool, a thread round trip per dependency and request to read an
attribute of the app.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.runtime import Runtime
from service.settings import Settings


async def get_runtime(request: Request) -> Runtime:
    """The process's runtime, built by ``create_app``."""
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
