"""Resolving a request takes a worker thread only when it reads the database."""

from __future__ import annotations

import asyncio
import threading

import pytest

from service.errors import InvalidRequestError
from service.models import DraftRequest
from service.pipeline.context import ResolvedRequest
from service.runtime import Runtime
from service.settings import Settings
from tests.service.conftest import en_request

DRAFT = "Hi Maria,\n\nThanks for writing; we are on it.\n\nSam"


def _resolving_threads(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for each resolve, whether it ran on the event loop's thread."""
    on_loop: list[bool] = []
    resolve = runtime.resolve

    def recording(request: DraftRequest, **kwargs: str | None) -> ResolvedRequest:
        on_loop.append(threading.current_thread() is threading.main_thread())
        return resolve(request, **kwargs)

    monkeypatch.setattr(runtime, "resolve", recording)
    return on_loop


def test_a_check_without_stored_ids_resolves_on_the_loop(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop = _resolving_threads(runtime, monkeypatch)
    report = asyncio.run(runtime.check(DraftRequest.model_validate(en_request(draft=DRAFT))))
    assert report.body == DRAFT
    assert on_loop == [True]


def test_a_draft_reads_saved_replies_in_a_worker_thread(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop = _resolving_threads(runtime, monkeypatch)
    asyncio.run(runtime.draft(DraftRequest.model_validate(en_request())))
    assert on_loop == [False]


def test_a_check_naming_a_stored_voice_resolves_in_a_worker_thread(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop = _resolving_threads(runtime, monkeypatch)
    body = {**en_request(draft=DRAFT), "voice_id": "no-such-voice"}
    body.pop("voice", None)
    with pytest.raises(InvalidRequestError, match="unknown voice id"):
        asyncio.run(runtime.check(DraftRequest.model_validate(body)))
    assert on_loop == [False]


def test_limits_are_checked_on_the_loop_too(settings: Settings, runtime: Runtime) -> None:
    runtime.settings = settings.model_copy(update={"max_thread_chars": 1_000})
    request = en_request(draft=DRAFT)
    request["thread"]["messages"][0]["body"] = "x" * 1_001
    with pytest.raises(InvalidRequestError, match="characters; the limit is 1000"):
        asyncio.run(runtime.check(DraftRequest.model_validate(request)))
