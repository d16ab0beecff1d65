"""Verify-before-send guardrails: one module per contract flag code."""
