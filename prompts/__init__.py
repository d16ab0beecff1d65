"""Jinja2 prompt templates (data, shipped with the package)."""
