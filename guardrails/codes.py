"""The contract's flag codes and their severities: the one list everything checks against.

Every code in ``../shared/CONTRACT.md`` is here, planned ones included, so a client model can
validate any code the service may raise. A guardrail class declares its own ``code`` and
``severity``; ``tests/guardrails/test_codes.py`` ties both to this table and to the contract.
"""

from __future__ import annotations

from typing import Literal, get_args

Severity = Literal["block", "verify", "info"]

FlagCode = Literal[
    "unanswered_question",
    "unverified_link",
    "ungrounded_figure",
    "commitment",
    "stale_article",
    "missing_attachment",
    "placeholder_left",
    "wrong_name",
    "foreign_pii",
    "sensitive_pii",
    "language_mismatch",
    "prompt_injection",
    "banned_phrase",
    "llm_fallback",
    "deferred_question",
    "guardrail_error",
    "proofreading",
    "tone",
    "escalation",
    "channel_rule",
    "public_pii",
    "customer_shared_secret",
    "subject",
    "signature",
    "truncated",
    "prompt_echo",
    "judge_unavailable",
]

FLAG_SEVERITY: dict[FlagCode, Severity] = {
    "unanswered_question": "verify",
    "unverified_link": "verify",
    "ungrounded_figure": "verify",
    "commitment": "verify",
    "stale_article": "verify",
    "missing_attachment": "verify",
    "placeholder_left": "block",
    "wrong_name": "block",
    "foreign_pii": "block",
    "sensitive_pii": "block",
    "language_mismatch": "verify",
    "prompt_injection": "verify",
    "banned_phrase": "verify",
    "llm_fallback": "info",
    "deferred_question": "verify",
    "guardrail_error": "info",
    "proofreading": "verify",
    "tone": "verify",
    "escalation": "verify",
    "channel_rule": "verify",
    "public_pii": "block",
    "customer_shared_secret": "verify",
    "subject": "info",
    "signature": "info",
    "truncated": "verify",
    "prompt_echo": "block",
    "judge_unavailable": "info",
}
FLAG_CODES: frozenset[str] = frozenset(get_args(FlagCode))
