"""The eval suites as a detector regression test: every ``expect.pii`` value is detected.

Each value a core suite declares as personal data (never sent to a remote model, never in
the draft) must be covered, character for character (spaces aside), by entities that
``PiiEngine.analyze`` finds in the case's own text, in the case's language, with no known
names given: masking must not depend on the customer profile to catch someone's data. A
value that only the customer profile holds (``vendas5@shop.example``) is analysed alone.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

from guardrails.pii import PiiEngine, PiiEntity
from tests.guardrails.pii_engine_cache import shared_pii_engine

SUITES = Path(__file__).resolve().parents[2] / "evals" / "suites"
SUITE_FILES = ("core_en.yaml", "core_ja.yaml")


def _case_texts(case: dict[str, Any]) -> list[str]:
    thread = case.get("request", {}).get("thread", {})
    texts = [str(m.get("body", "")) for m in thread.get("messages", [])]
    texts += [str(m.get("signature", "")) for m in thread.get("messages", [])]
    return [t for t in [str(thread.get("subject", "")), *texts] if t]


def _declared() -> list[Any]:
    params = []
    for name in SUITE_FILES:
        doc = yaml.safe_load((SUITES / name).read_text(encoding="utf-8"))
        default_lang = "ja" if name.endswith("_ja.yaml") else "en"
        for case in doc["cases"]:
            expect = case.get("expect") or {}
            language = str(expect.get("language") or default_lang)
            for value in expect.get("pii") or []:
                # A value only in the customer profile (an email) is checked on its own.
                texts = [t for t in _case_texts(case) if str(value) in t] or [str(value)]
                params.append(pytest.param(str(value), texts, language, id=f"{case['id']}:{value}"))
    return params


DECLARED = _declared()


@pytest.fixture(scope="module")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def _uncovered(text: str, value: str, entities: list[PiiEntity]) -> list[str]:
    """The characters of each occurrence of ``value`` that no entity covers (spaces aside)."""
    missing = []
    start = text.find(value)
    while start >= 0:
        for i in range(start, start + len(value)):
            if not text[i].isspace() and not any(e.start <= i < e.end for e in entities):
                missing.append(text[i])
        start = text.find(value, start + 1)
    return missing


def test_the_suites_declare_values() -> None:
    assert len(DECLARED) >= 15


@pytest.mark.parametrize(("value", "texts", "language"), DECLARED)
def test_declared_pii_is_detected(
    pii_engine: PiiEngine, value: str, texts: list[str], language: str
) -> None:
    for text in texts:
        entities = pii_engine.analyze(text, language)
        missing = _uncovered(text, value, entities)
        found = [(e.type, text[e.start : e.end]) for e in entities]
        assert not missing, f"{value!r} not fully detected in {text!r}; found {found}"
