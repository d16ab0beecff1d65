"""replydraft service: HTTP API, drafting pipeline, model backends, storage and CLI."""
