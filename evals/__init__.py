"""Evaluation sets and harnesses for replydraft."""
