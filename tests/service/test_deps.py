"""The app's dependency aliases read app state without a trip through the thread pool."""

from __future__ import annotations

import inspect

from service.deps import get_app_settings, get_runtime


def test_state_dependencies_are_coroutines_so_fastapi_runs_them_on_the_loop() -> None:
    # FastAPI sends a plain ``def`` dependency to its thread pool on every request.
    assert inspect.iscoroutinefunction(get_runtime)
    assert inspect.iscoroutinefunction(get_app_settings)
