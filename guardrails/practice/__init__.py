"""Checks of what good support agents do before they send (issue 13, ``../shared/seeds/DIGEST.md``).

Proofreading, tone, escalation, channel rules, subject and signature, and a customer's own
secrets: each a guardrail over any draft, English and Japanese.
"""
