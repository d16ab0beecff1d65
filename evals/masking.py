"""Mask personal data in what results and reports show, keeping flag spans pointing right.

Detection is the pipeline's own PII engine (``redact_text``); values the case declares as PII
(and the request's customer/author names and emails) are masked too, even where the engine
misses them, so no known value is ever written in the clear. Entity offsets (never values) are
memoised on disk, so a cached rerun does not load the engine at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.suite import EvalCase
from guardrails.pii import SharedPiiEngine
from guardrails.pii.version import detector_version
from service.models.redact import RedactRequest
from service.pipeline.pii import redact_text

Entity = tuple[int, int, str]  # start, end, type
DECLARED = "DECLARED_PII"


@dataclass(frozen=True)
class MaskedText:
    """A text with personal data replaced by ``<TYPE_n>`` and spans mapped into it."""

    text: str
    spans: list[tuple[int, int]]


class EntityMemo:
    """Entity offsets by text hash, persisted as JSON (offsets and types only, no values).

    The file holds the detector version it was written with (``detector_version``): a memo
    of another version (or of none: the flat layout before it) is not read, so changed
    recognizers never serve an old run's findings.
    """

    def __init__(self, path: Path | None, version: str | None = None) -> None:
        self.path = path
        self.version = detector_version() if version is None else version
        self._lock = threading.Lock()
        self._data: dict[str, list[list[int | str]]] = {}
        self._dirty = False
        if path is not None and path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}  # a corrupt memo is only a slower run
            if isinstance(stored, dict) and stored.get("detector_version") == self.version:
                self._data = stored.get("entities", {})

    def get(self, key: str) -> list[Entity] | None:
        """The memoised entities for ``key``, if any."""
        with self._lock:
            found = self._data.get(key)
        return None if found is None else [(int(s), int(e), str(t)) for s, e, t in found]

    def put(self, key: str, entities: list[Entity]) -> None:
        """Remember the entities for ``key``."""
        with self._lock:
            self._data[key] = [[s, e, t] for s, e, t in entities]
            self._dirty = True

    def save(self) -> None:
        """Write the memo if it changed."""
        if self.path is None or not self._dirty:
            return
        with self._lock:
            payload = json.dumps({"detector_version": self.version, "entities": self._data})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(payload, encoding="utf-8")
        tmp.replace(self.path)
        self._dirty = False


class PublicMasker:
    """Masks texts for results with the shared PII engine, built only when first needed."""

    def __init__(self, engine: SharedPiiEngine, memo: EntityMemo) -> None:
        self.engine = engine
        self.memo = memo

    def mask(
        self,
        text: str,
        language: str | None,
        *,
        known: Iterable[tuple[str, str]] = (),
        spans: Sequence[tuple[int, int]] = (),
    ) -> MaskedText:
        """Mask ``text``; ``known`` (value, type) pairs are always masked; ``spans`` remapped."""
        entities = self._detected(text, language) + _occurrences(text, known)
        return _apply(text, _non_overlapping(entities), spans)

    def _detected(self, text: str, language: str | None) -> list[Entity]:
        if not text.strip():
            return []
        lang = language if language in ("en", "ja") else None
        key = hashlib.sha256(f"{lang}\0{text}".encode()).hexdigest()[:32]
        found = self.memo.get(key)
        if found is None:
            result = redact_text(self.engine, RedactRequest(text=text, language=lang))
            found = [(e.start, e.end, e.type) for e in result.entities]
            self.memo.put(key, found)
        return found


def _occurrences(text: str, values: Iterable[tuple[str, str]]) -> list[Entity]:
    found: list[Entity] = []
    for value, kind in values:
        pattern = value_pattern(value)
        if pattern is not None:
            found.extend((m.start(), m.end(), kind) for m in pattern.finditer(text))
    return found


def value_pattern(value: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for a PII value; digit runs may be re-spaced or re-dashed."""
    value = value.strip()
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6 and len(digits) >= len(re.sub(r"\s", "", value)) * 0.6:
        # Card, phone and ID numbers: "4111 1111 1111 1111" also matches "4111-1111-1111-1111".
        return re.compile(r"(?<!\d)" + r"[\s\-.()]*".join(digits) + r"(?!\d)")
    # Word boundaries for Latin text only ("Sam" must not match "same"; 山田 must match 山田様).
    head = r"(?<![A-Za-z0-9])" if value[0].isascii() and value[0].isalnum() else ""
    tail = r"(?![A-Za-z0-9])" if value[-1].isascii() and value[-1].isalnum() else ""
    return re.compile(head + re.escape(value) + tail, re.IGNORECASE)


def _non_overlapping(entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    for start, end, kind in sorted(entities, key=lambda e: (e[0], -e[1])):
        if start >= end:
            continue
        if kept and start < kept[-1][1]:
            last = kept[-1]
            kept[-1] = (last[0], max(last[1], end), last[2])  # merge: mask the union
            continue
        kept.append((start, end, kind))
    return kept


def _apply(text: str, entities: list[Entity], spans: Sequence[tuple[int, int]]) -> MaskedText:
    parts: list[str] = []
    mapping: list[tuple[int, int, int, int]] = []  # raw start/end -> masked start/end
    numbers: dict[tuple[str, str], int] = {}
    cursor = 0
    length = 0
    for start, end, kind in entities:
        parts.append(text[cursor:start])
        length += start - cursor
        number = numbers.setdefault((kind, text[start:end]), len(numbers) + 1)
        placeholder = f"<{kind}_{number}>"
        mapping.append((start, end, length, length + len(placeholder)))
        parts.append(placeholder)
        length += len(placeholder)
        cursor = end
    parts.append(text[cursor:])
    moved = [(_map(s, mapping, True), _map(e, mapping, False)) for s, e in spans]
    return MaskedText(text="".join(parts), spans=moved)


def _map(index: int, mapping: list[tuple[int, int, int, int]], is_start: bool) -> int:
    shift = 0
    for raw_start, raw_end, new_start, new_end in mapping:
        if index >= raw_end:
            shift = new_end - raw_end
            continue
        if index <= raw_start:
            break
        # Inside a masked value: widen the span to the whole placeholder.
        return new_start if is_start else new_end
    return index + shift


def known_values(case: EvalCase) -> list[tuple[str, str]]:
    """Values a case tells us are personal: declared PII, and the people in its request."""
    request = case.request
    values = [(v, DECLARED) for v in case.expect.pii]
    # The agent's name is left out: it is the business signature the reply is meant to carry.
    people = [(request.customer.name, "PERSON")]
    people += [(m.author_name, "PERSON") for m in request.thread.messages if m.role == "customer"]
    for name, kind in people:
        if name:
            values.append((name, kind))
            # A greeting uses one part ("Hi Maria,"), so each part is masked too.
            values.extend((part, kind) for part in name.split() if len(part) > 1)
    emails = [request.customer.email, *(m.author_email for m in request.thread.messages)]
    values.extend((e, "EMAIL_ADDRESS") for e in emails if e)
    for other in (request.customer.username, request.customer.company):
        if other:
            values.append((other, "CUSTOMER_ID"))
    return values
