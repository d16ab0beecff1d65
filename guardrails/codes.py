"""The contract's flag codes and their severities: the one list everything checks against."""

from __future__ import annotations

from guardrails.base import Severity

FLAG_SEVERITY: dict[str, Severity] = {
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
}
FLAG_CODES: frozenset[str] = frozenset(FLAG_SEVERITY)
