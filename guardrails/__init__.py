"""Guardrails: checks over any reply draft, whoever wrote it.

This package depends on nothing in ``service``: a guardrail receives the draft text and a
:class:`~guardrails.context.GuardrailContext` and returns :class:`~guardrails.base.Finding` s.
"""
