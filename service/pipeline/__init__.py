"""The drafting pipeline.

normalise -> redact -> retrieve -> prompt -> model -> restore -> guardrails -> report
"""
