"""Data files shipped with the guardrails (the injection classifier weights)."""
