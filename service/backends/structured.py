"""JSON answers from any provider: the richest structured-output mode it accepts.

Modes, tried in order until one is accepted (and the accepted one remembered per model):

- ``json_schema``: OpenAI-style strict structured output, where litellm's capability table
  says the model supports a response schema;
- ``json_object_schema``: ``{"type": "json_object", "schema": ...}``, which llama.cpp's server
  turns into a grammar (it may reject ``json_schema`` with a 400 or a 500);
- ``json_object``: JSON mode without a schema (Ollama, vLLM and older servers);
- ``prompt``: no ``response_format`` at all, for providers litellm says do not take one.

Every mode except ``json_schema`` also states the schema in the system message. Tool calling
is not used: litellm 1.106.2 imports its MCP handler for any request carrying ``tools``, which
needs the ``mcp`` package (not a dependency here); the ``prompt`` mode covers those providers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from service.backends.base import ChatMessage, Completion
from service.backends.litellm_backend import LiteLLMBackend, ModelCallError
from service.backends.litellm_env import load_litellm

MODES = ("json_schema", "json_object_schema", "json_object", "prompt")
# A server that does not understand a response_format answers with one of these.
_UNSUPPORTED_STATUS = frozenset({400, 404, 415, 422, 500, 501})


def first_modes(model: str) -> tuple[str, ...]:
    """The modes to try for ``model``, best first, from litellm's capability lookups."""
    litellm = load_litellm()
    try:
        if litellm.supports_response_schema(model=model):
            return MODES
        params = litellm.get_supported_openai_params(model=model) or []
    except Exception:  # noqa: BLE001 - an unknown model: assume an OpenAI-compatible server
        params = ["response_format"]
    if "response_format" in params:
        return ("json_object_schema", "json_object", "json_schema", "prompt")
    return ("prompt",)


def response_format(mode: str, name: str, schema: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``response_format`` parameter of ``mode``."""
    if mode == "json_schema":
        spec = {"name": name, "schema": dict(schema), "strict": False}
        return {"type": "json_schema", "json_schema": spec}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": dict(schema)}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def with_schema_in_prompt(
    messages: Sequence[ChatMessage], schema: Mapping[str, Any]
) -> tuple[ChatMessage, ...]:
    """The messages with the JSON Schema appended to the system message."""
    note = "Answer with one JSON object matching this JSON Schema:\n" + json.dumps(schema)
    out = list(messages)
    if out and out[0].role == "system":
        out[0] = ChatMessage("system", f"{out[0].content}\n\n{note}")
    else:
        out.insert(0, ChatMessage("system", note))
    return tuple(out)


def _unsupported(exc: ModelCallError) -> bool:
    return bool(exc.failures) and all(
        f.status in _UNSUPPORTED_STATUS for f in exc.failures if f is not None
    )


class StructuredCaller:
    """Asks a litellm backend for JSON, stepping down the modes a server refuses."""

    def __init__(self, backend: LiteLLMBackend) -> None:
        self.backend = backend
        self._accepted: dict[str, str] = {}

    async def json_answer(
        self,
        messages: Sequence[ChatMessage],
        schema: Mapping[str, Any],
        *,
        name: str = "answer",
        model: str | None = None,
    ) -> Completion:
        """The model's JSON answer (text unparsed); raises ``ModelCallError`` when none came."""
        target = model or self.backend.model
        known = self._accepted.get(target)
        modes = (known,) if known else first_modes(target)
        for index, mode in enumerate(modes):
            sent = messages if mode == "json_schema" else with_schema_in_prompt(messages, schema)
            try:
                completion = await self.backend.chat(
                    sent, model=target, response_format=response_format(mode, name, schema)
                )
            except ModelCallError as exc:
                if index + 1 < len(modes) and _unsupported(exc):
                    continue  # this server does not take this mode: try the next one
                raise
            self._accepted[target] = mode
            return completion
        raise AssertionError("unreachable: the last mode re-raises")  # pragma: no cover
