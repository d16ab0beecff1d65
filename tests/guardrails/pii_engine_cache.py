"""One PiiEngine per test session, shared by the test_pii_* modules, and how they read it."""

from functools import cache

from guardrails.pii import PiiEngine


@cache
def shared_pii_engine() -> PiiEngine:
    return PiiEngine.build()


def japanese_persons(engine: PiiEngine, text: str) -> list[str]:
    """The PERSON spans ``engine`` finds in Japanese ``text``, as written."""
    return [text[e.start : e.end] for e in engine.analyze(text, "ja") if e.type == "PERSON"]
