"""A recording hook around the pipeline's backends: the leak metric sees exactly what was sent.

The pipeline stays untouched; its ``BackendSelector`` is swapped for one whose backends append
every ``ModelRequest`` to the recorder of the case being run. The recorder lives in a
``ContextVar`` so concurrent cases (each its own asyncio task) never see each other's requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from service.backends.base import Completion, ModelBackend, ModelRequest
from service.backends.select import BackendSelector
from service.pipeline.drafting import DraftPipeline


@dataclass
class SentRecord:
    """What one backend call received, and whether it left the process."""

    backend: str
    remote: bool
    messages: tuple[str, ...]


@dataclass
class Recorder:
    """Every model request of one case, in order."""

    records: list[SentRecord] = field(default_factory=list)

    def remote_texts(self) -> list[str]:
        """The message contents that went to a remote provider (a local drafter sends nothing)."""
        return [text for r in self.records if r.remote for text in r.messages]


_current: ContextVar[Recorder | None] = ContextVar("eval_recorder", default=None)


@contextmanager
def recording() -> Iterator[Recorder]:
    """Record the model requests made inside this block (in this task only)."""
    recorder = Recorder()
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


class RecordingBackend:
    """A ``ModelBackend`` that records the request, then delegates."""

    def __init__(self, inner: ModelBackend) -> None:
        self.inner = inner
        self.name = inner.name
        self.local = inner.local

    async def complete(self, request: ModelRequest) -> Completion:
        """Record what is sent, then let the wrapped backend answer."""
        recorder = _current.get()
        if recorder is not None:
            texts = tuple(m.content for m in request.messages)
            recorder.records.append(SentRecord(self.name, not self.local, texts))
        return await self.inner.complete(request)


class RecordingSelector(BackendSelector):
    """The pipeline's selector with every backend it hands out wrapped in ``RecordingBackend``."""

    def __init__(self, inner: BackendSelector) -> None:
        # Not calling super().__init__: the inner selector already built the backends.
        self.inner = inner
        self.settings = inner.settings
        self.offline = RecordingBackend(inner.offline)
        self.default = RecordingBackend(inner.default)

    def select(self, model: str | None) -> ModelBackend:
        """The inner selector's choice, wrapped."""
        return RecordingBackend(self.inner.select(model))


def install(pipeline: DraftPipeline) -> None:
    """Wrap the pipeline's backends once (idempotent)."""
    if not isinstance(pipeline.backends, RecordingSelector):
        pipeline.backends = RecordingSelector(pipeline.backends)
