"""Eval suites as YAML files: each case a contract ``DraftRequest`` plus what to expect of it.

A suite file looks like::

    suite: core_en          # name used in reports
    version: 3              # bump when cases change meaning
    defaults:               # merged under every case's request (the case wins per key)
      request: {agent: {name: Sam}, knowledge_base: [...]}
    cases:
      - id: double-charge
        tags: [billing, multi-question]
        request: {thread: {messages: [{role: customer, body: "..."}]}}
        expect:
          questions: {count: 2, texts: [refund, invoice]}
          flags: [commitment]            # must be raised
          no_flags: [wrong_name]         # must not be raised
          pii: ["4111 1111 1111 1111"]   # never sent to a remote model, never in the draft
          facts: ["5-10 business days", {article: billing-refunds}]
          language: en
          max_chars: 1200

Loading errors name the file, the case and the field (``SuiteError``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from guardrails.codes import FLAG_CODES
from service.models import DraftRequest
from service.models.validation import first_error

SUITE_FORMAT_VERSION = 1


class SuiteError(ValueError):
    """A suite file that cannot be used; the message names file, case and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionExpectation(_Strict):
    """The questions the draft must deal with (answered or honestly pending)."""

    count: int | None = Field(default=None, ge=0, description="How many questions to extract.")
    texts: list[str] = Field(
        default_factory=list, description="Substrings, one per question that must be covered."
    )


class ArticleFact(_Strict):
    """A fact satisfied when the draft cites this knowledge-base article."""

    article: str


Fact = str | ArticleFact


class Expectations(_Strict):
    """What a good draft for the case looks like; every field optional."""

    questions: QuestionExpectation | None = None
    flags: list[str] = Field(default_factory=list, description="Codes that must be raised.")
    no_flags: list[str] = Field(default_factory=list, description="Codes that must not be.")
    pii: list[str] = Field(
        default_factory=list, description="Values never sent to a remote model nor in the draft."
    )
    facts: list[Fact] = Field(default_factory=list, description="Substrings or cited articles.")
    language: str | None = Field(default=None, description="ISO 639-1 of the draft body.")
    max_chars: int | None = Field(default=None, gt=0, description="Longest acceptable body.")

    @field_validator("flags", "no_flags")
    @classmethod
    def _known_codes(cls, codes: list[str]) -> list[str]:
        unknown = sorted(set(codes) - FLAG_CODES)
        if unknown:
            raise ValueError(
                f"unknown flag code {unknown[0]!r}; valid: {', '.join(sorted(FLAG_CODES))}"
            )
        return codes


class EvalCase(_Strict):
    """One case: a contract request and its expectations."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    request: DraftRequest
    expect: Expectations = Field(default_factory=Expectations)

    def request_hash(self) -> str:
        """A stable hash of the request (the cache key's request part)."""
        canonical = json.dumps(
            self.request.model_dump(mode="json"), sort_keys=True, ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:24]

    def case_hash(self) -> str:
        """A stable hash of the request and the expectations (the cache key's case part)."""
        canonical = json.dumps(
            [self.request.model_dump(mode="json"), self.expect.model_dump(mode="json")],
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()[:24]


class Suite(_Strict):
    """A loaded suite: its name, version, source file and cases."""

    name: str
    version: int
    path: str
    sha256: str
    cases: tuple[EvalCase, ...]


def load_suites(paths: list[Path]) -> list[Suite]:
    """Load several suites; suite names must be unique (they prefix case ids in reports)."""
    suites = [load_suite(p) for p in paths]
    seen: dict[str, str] = {}
    for suite in suites:
        if suite.name in seen:
            raise SuiteError(
                f"{suite.path}: suite name {suite.name!r} also used by {seen[suite.name]}"
            )
        seen[suite.name] = suite.path
    return suites


def load_suite(path: Path) -> Suite:
    """Read and validate one YAML (or JSON) suite file."""
    try:
        raw_bytes = path.read_bytes()
        document = yaml.safe_load(raw_bytes.decode("utf-8"))
    except FileNotFoundError:
        raise SuiteError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SuiteError(
            f"{path}: cannot read ({type(exc).__name__}: {_first_line(exc)})"
        ) from None
    if not isinstance(document, dict):
        raise SuiteError(f"{path}: the top level must be a mapping with 'suite' and 'cases'")
    name = document.get("suite") or path.stem
    version = document.get("version", 1)
    if not isinstance(version, int):
        raise SuiteError(f"{path}: field 'version': must be an integer")
    defaults = _mapping(document.get("defaults") or {}, path, "defaults")
    default_request = _mapping(defaults.get("request") or {}, path, "defaults.request")
    raw_cases = document.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise SuiteError(f"{path}: field 'cases': must be a non-empty list")
    cases = [_load_case(path, i, raw, default_request) for i, raw in enumerate(raw_cases)]
    _check_unique(path, cases)
    return Suite(
        name=str(name),
        version=version,
        path=str(path),
        sha256=hashlib.sha256(raw_bytes).hexdigest()[:16],
        cases=tuple(cases),
    )


def _load_case(path: Path, index: int, raw: object, default_request: dict[str, Any]) -> EvalCase:
    label = f"case #{index + 1}"
    if not isinstance(raw, dict):
        raise SuiteError(f"{path}: {label}: must be a mapping with 'id' and 'request'")
    if isinstance(raw.get("id"), str):
        label = f"case {raw['id']!r}"
    request = {**default_request, **_mapping(raw.get("request") or {}, path, f"{label}.request")}
    try:
        return EvalCase.model_validate({**raw, "request": request})
    except ValidationError as exc:
        where, message = first_error(exc)
        raise SuiteError(f"{path}: {label}: field '{where}': {message}") from None


def _check_unique(path: Path, cases: list[EvalCase]) -> None:
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise SuiteError(f"{path}: case {case.id!r}: field 'id': duplicate case id")
        seen.add(case.id)


def _mapping(value: object, path: Path, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SuiteError(f"{path}: field '{where}': must be a mapping")
    return value


def _first_line(exc: BaseException) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [""])[0]
    return f"{str(problem)[:200]}{where}"
