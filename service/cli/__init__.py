"""The ``replydraft`` command line (Typer)."""
