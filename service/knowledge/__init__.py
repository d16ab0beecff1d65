"""Voices and knowledge bases loaded from files."""
