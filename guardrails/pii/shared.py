"""The process-wide PII engine, built on first use and then shared by every request."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from guardrails.pii.engine import PiiEngine


@dataclass
class SharedPiiEngine:
    """Builds :class:`PiiEngine` once (thread-safe) the first time ``get`` is called.

    Pass ``engine`` to share one already built (tests, or a service warming up at start).
    """

    engine: PiiEngine | None = None
    name_cache_dir: Path | None = None
    spacy_model: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self) -> PiiEngine:
        """Return the engine, building it on first use."""
        if self.engine is None:
            with self._lock:
                if self.engine is None:
                    self.engine = PiiEngine.build(
                        name_cache_dir=self.name_cache_dir, spacy_model=self.spacy_model
                    )
        return self.engine
