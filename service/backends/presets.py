"""Named settings for local OpenAI-compatible servers: Ollama, llama.cpp server and vLLM.

Each preset is only a default base URL; the model name is still ``REPLYDRAFT_LLM_MODEL`` with
litellm's ``openai/`` prefix (e.g. ``openai/llama3.1`` for Ollama), which speaks the server's
``/v1/chat/completions`` route. Local servers need no API key, but litellm's OpenAI client will
not send a request without one, so a placeholder key is sent when none is configured for an
explicit base URL (the servers ignore it unless started with ``--api-key``).
"""

from __future__ import annotations

from dataclasses import dataclass

LOCAL_PLACEHOLDER_KEY = "no-key-required"


@dataclass(frozen=True)
class ServerPreset:
    """A local server's default OpenAI-compatible base URL, and what to know about it."""

    name: str
    api_base: str
    note: str


PRESETS: dict[str, ServerPreset] = {
    "ollama": ServerPreset(
        "ollama",
        "http://127.0.0.1:11434/v1",
        "Ollama's default context is small (2048-4096 tokens): set num_ctx (OLLAMA_CONTEXT_LENGTH) "
        "to 8192 or more; the model's own chat template is used.",
    ),
    "llamacpp": ServerPreset(
        "llamacpp",
        "http://127.0.0.1:8080/v1",
        "Start llama-server with --jinja (the model's chat template) and -c 8192 or more; "
        "it accepts json_object with a schema but may reject json_schema.",
    ),
    "vllm": ServerPreset(
        "vllm",
        "http://127.0.0.1:8000/v1",
        "Start vllm serve with --max-model-len 8192 or more; a model without a chat template "
        "needs --chat-template.",
    ),
}


def preset_names() -> tuple[str, ...]:
    """The valid ``REPLYDRAFT_LLM_PRESET`` values."""
    return tuple(PRESETS)


def resolve_endpoint(
    preset: str | None, api_base: str | None, api_key: str | None
) -> tuple[str | None, str | None]:
    """The base URL and key to send: an explicit base wins over the preset's.

    Any explicit base URL without a key gets the placeholder key (a keyless local server);
    with neither, the key stays unset and litellm reads the provider's own variable.
    """
    base = api_base or (PRESETS[preset].api_base if preset else None)
    if base and not api_key:
        return base, LOCAL_PLACEHOLDER_KEY
    return base, api_key
