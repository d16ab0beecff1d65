"""``replydraft serve``: one process and several workers start uvicorn the same way."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

import service.app
from service.cli import serve as serve_module
from service.edge.nodelay import NoDelayHTTPProtocol
from service.settings import get_settings

# What the recorded calls hold where the serving process froze its heap.
FREEZE: tuple[Any, dict[str, Any]] = ("heap frozen", {})


@pytest.fixture
def uvicorn_calls(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[list[tuple[Any, dict[str, Any]]]]:
    """Record ``uvicorn.run`` calls instead of serving; no app or shared state is built."""
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setenv("REPLYDRAFT_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    get_settings.cache_clear()
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setattr(
        serve_module,
        "run_workers",
        lambda app, workers, options: calls.append((app, {"workers": workers, **options})),
    )
    monkeypatch.setattr(service.app, "create_app", lambda settings: "the app")
    # Not this process's heap: the calls are recorded instead.
    monkeypatch.setattr(service.app, "freeze_startup_heap", lambda: calls.append(FREEZE) or 0)
    monkeypatch.setattr(serve_module, "prepare_shared_state", lambda settings: None)
    yield calls
    get_settings.cache_clear()


def test_one_worker_and_several_pass_uvicorn_the_same_options(
    uvicorn_calls: list[tuple[Any, dict[str, Any]]],
) -> None:
    serve_module.serve(host="127.0.0.1", port=8123, no_auth=False, workers=1)
    # One process serves: it built its app, then froze its heap, before uvicorn ran it.
    assert uvicorn_calls[0] is FREEZE and len(uvicorn_calls) == 2
    del uvicorn_calls[0]
    serve_module.serve(host="127.0.0.1", port=8123, no_auth=False, workers=2)
    # Several: the parent neither builds nor freezes an app (each worker does, from the factory).
    assert FREEZE not in uvicorn_calls[1:]
    (one_app, one), (many_app, many) = uvicorn_calls
    assert one_app == "the app"
    assert many_app == "service.app:app_from_env"
    assert many.pop("workers") == 2  # run_workers: one listening socket per worker
    assert one == many == serve_module.uvicorn_options("127.0.0.1", 8123)
    assert one["http"] is NoDelayHTTPProtocol  # Nagle off in every worker, not just one process


def test_the_protocol_reaches_worker_processes_by_name() -> None:
    # uvicorn's supervisor pickles its config into spawned workers: the class must import.
    import pickle

    assert pickle.loads(pickle.dumps(NoDelayHTTPProtocol)) is NoDelayHTTPProtocol


def test_serving_runs_on_uvloop_with_the_httptools_parser() -> None:
    import uvloop
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    config = uvicorn.Config("service.app:app_from_env", **serve_module.uvicorn_options("x", 1))
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()
    assert issubclass(NoDelayHTTPProtocol, HttpToolsProtocol)


@pytest.mark.parametrize(
    ("missing", "start"),
    [
        # uvicorn's "auto" choices would quietly serve on asyncio's loop and h11's parser.
        (
            "uvloop",
            "import uvicorn; from service.cli.serve import uvicorn_options; "
            "uvicorn.Config('m:app', **uvicorn_options('x', 1)).get_loop_factory()",
        ),
        ("httptools", "import service.edge.nodelay"),
    ],
)
def test_a_missing_fast_path_fails_at_start_instead_of_serving_slower(
    missing: str, start: str
) -> None:
    # In a fresh interpreter: here both are imported already.
    code = f"import sys; sys.modules[{missing!r}] = None; {start}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode != 0
    assert f"import of {missing} halted" in done.stderr
