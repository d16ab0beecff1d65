"""The labelled guardrail set: cases in YAML and a loader that builds guardrail contexts."""
