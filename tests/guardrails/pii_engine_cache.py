"""One PiiEngine per test session, shared by the test_pii_* modules."""

from functools import cache

from guardrails.pii import PiiEngine


@cache
def shared_pii_engine() -> PiiEngine:
    return PiiEngine.build()
